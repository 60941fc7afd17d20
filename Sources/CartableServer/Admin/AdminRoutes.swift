import Cartable
import Foundation
import Hummingbird

/// The organiser's dashboard: `/admin/login` and `/admin/logout`, `/admin/c/{id}` (the page), its events stream and
/// its actions (retry, cancel, pause, resume), and the dashboard's own script and stylesheet. Every POST goes through
/// the site's origin check (``OriginCheck``); every page but the login needs a session (``AdminAccess``).
struct AdminRoutes: Sendable {
    let site: SiteState
    let access: AdminAccess
    let accounts: AccountLimiter

    func add(to router: Router<SiteRequestContext>) {
        router.get("/assets/admin.js") { _, _ in asset(AdminScript.text, type: "text/javascript; charset=utf-8") }
        router.get("/assets/admin.css") { _, _ in asset(AdminStylesheet.text, type: "text/css; charset=utf-8") }
        router.get("/admin") { request, _ in
            let language = language(request, served: nil)
            guard access.isOn else { return off(language) }
            guard await access.isOpen(session(request)) else { return Response(status: .seeOther, headers: [.location: "/admin/login"]) }
            let links = site.campaigns.map { "<li><a href=\"\(DashboardPage.path($0.id))\">\($0.campaign.title)</a></li>" as HTML }
            return page(language, title: AdminPhrase.title.text(language, ""), "<h1>\(AdminPhrase.title.text(language, ""))</h1>\n<ul class=\"campaigns\">\(links)</ul>")
        }
        router.get("/admin/login") { request, _ in
            let fields = FormFields(request.uri.query.map { Substring($0) })
            let served = fields["c"].flatMap { site.byID[$0] }
            let language = language(request, served: served)
            guard access.isOn else { return off(language) }
            return page(language, title: AdminPhrase.loginHeading.text(language), loginForm(language, campaignID: served?.id))
        }
        router.post("/admin/login") { request, context in
            if let client = ClientAddress.of(peer: context.peerAddress, forwardedFor: request.headers[.xForwardedFor],
                                             trustForwardedFor: site.options.trustForwardedFor),
               let wait = site.limiter.admit(.login, scope: "admin", client: client,
                                                    perHost: AdminAccess.loginLimit, perNetwork: AdminAccess.loginLimitPerNetwork) {
                throw SiteError.tooMany(retryAfter: wait)
            }
            let form = try await FormBody.read(request, limit: site.options.bodyLimit)
            let served = form["c"].flatMap { site.byID[$0] }
            let language = language(request, served: served)
            guard access.accepts(form.raw("token") ?? "") else { return refused(language) }
            let id = await access.open()
            let target = served.map { DashboardPage.path($0.id) } ?? "/admin"
            var response = Response(status: .seeOther, headers: [.location: target])
            response.setCookie(sessionCookie(id, maxAge: Int(AdminAccess.sessionLifetime)))
            return response
        }
        router.post("/admin/logout") { request, _ in
            await access.close(session(request))
            var response = Response(status: .seeOther, headers: [.location: "/admin/login"])
            response.setCookie(sessionCookie("", maxAge: 0))
            return response
        }
        router.get("/admin/c/:campaign/") { request, context in
            let served = try site.campaign(context.parameters.get("campaign"))
            let language = language(request, served: served)
            guard access.isOn else { return off(language) }
            guard await access.isOpen(session(request)) else {
                return Response(status: .seeOther, headers: [.location: "/admin/login?c=\(Paths.escape(served.id))"])
            }
            let figures = try await DashboardFigures.read(served, outbox: site.outbox, accounts: accounts)
            let body = DashboardPage(language: language, served: served).body(figures, notice: notice(request, language: language))
            return page(language, title: AdminPhrase.title.text(language, served.campaign.title), body)
        }
        router.get("/admin/c/:campaign/events") { request, context in
            let served = try site.campaign(context.parameters.get("campaign"))
            guard let session = session(request), await access.isOpen(session) else { return unauthorised() }
            return DashboardEvents(page: DashboardPage(language: language(request, served: served), served: served),
                                   outbox: site.outbox, accounts: accounts, access: access, session: session).response()
        }
        router.post("/admin/c/:campaign/:action") { request, context in
            let served = try site.campaign(context.parameters.get("campaign"))
            guard await access.isOpen(session(request)) else { return unauthorised() }
            let now = Date()
            let done: String
            switch context.parameters.get("action") {
            case "retry":
                done = "retried&n=\(try await site.outbox.retry(OutboxSelection(campaignID: served.id), now: now))"
            case "cancel":
                done = "cancelled&n=\(try await site.outbox.cancel(OutboxSelection(campaignID: served.id), now: now))"
            case "pause":
                done = try await site.outbox.pause(campaignID: served.id, now: now) == .changed ? "paused" : "unchanged"
            case "resume":
                done = try await site.outbox.resume(campaignID: served.id) == .changed ? "resumed" : "unchanged"
            default:
                throw SiteError.notFound
            }
            return Response(status: .seeOther, headers: [.location: "\(DashboardPage.path(served.id))?done=\(done)"])
        }
    }

    // MARK: Pieces

    private func session(_ request: Request) -> String? {
        request.cookies[AdminAccess.cookie]?.value
    }

    private func sessionCookie(_ value: String, maxAge: Int) -> Cookie {
        Cookie(name: AdminAccess.cookie, value: value, maxAge: maxAge, path: "/admin", secure: site.options.secureCookies,
               httpOnly: true, sameSite: .strict)
    }

    private func language(_ request: Request, served: ServedCampaign?) -> Language {
        Visitor(request, query: FormFields(request.uri.query.map { Substring($0) }), served: served).language
    }

    /// The confirmation of the action just done, from the redirect's `done` (and `n`).
    private func notice(_ request: Request, language: Language) -> String? {
        let fields = FormFields(request.uri.query.map { Substring($0) })
        let count = fields["n"].flatMap(Int.init).map { language.number($0) } ?? "0"
        return switch fields["done"] {
        case "retried": AdminPhrase.doneRetried.text(language, count)
        case "cancelled": AdminPhrase.doneCancelled.text(language, count)
        case "paused": AdminPhrase.donePaused.text(language)
        case "resumed": AdminPhrase.doneResumed.text(language)
        case "unchanged": AdminPhrase.doneUnchanged.text(language)
        default: nil
        }
    }

    private func loginForm(_ language: Language, campaignID: String?) -> HTML {
        """
        <h1>\(AdminPhrase.loginHeading.text(language))</h1>
        <form method="post" action="/admin/login" class="login">
        \(campaignID.map { "<input type=\"hidden\" name=\"c\" value=\"\($0)\">" as HTML })
        <p><label for="token">\(AdminPhrase.tokenLabel.text(language))</label>
        <input id="token" name="token" type="password" autocomplete="current-password" required></p>
        <p><button type="submit">\(AdminPhrase.loginButton.text(language))</button></p>
        </form>
        """
    }

    /// The dashboard is off: how to turn it on (404, as for a page that is not there).
    private func off(_ language: Language) -> Response {
        page(language, title: AdminPhrase.offHeading.text(language),
             "<h1>\(AdminPhrase.offHeading.text(language))</h1>\n<p>\(AdminPhrase.offText.text(language))</p>", status: .notFound)
    }

    /// A wrong token (or none configured): 401, nothing more.
    private func refused(_ language: Language) -> Response {
        page(language, title: AdminPhrase.refused.text(language), "<h1>\(AdminPhrase.refused.text(language))</h1>", status: .unauthorized)
    }

    /// No session: 401 without a page.
    private func unauthorised() -> Response {
        Response(status: .unauthorized, headers: [.cacheControl: "no-store"])
    }

    private func page(_ language: Language, title: String, _ body: HTML, status: HTTPResponse.Status = .ok) -> Response {
        PageRoutes.html(AdminLayout(language: language).page(title: title, body), status: status)
    }

    private func asset(_ text: String, type: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.cacheControl] = "public, max-age=3600"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
