import Cartable
import Foundation
import HTTPTypes
import Hummingbird

/// The supporter's way, as server-rendered pages that work without JavaScript: every step is a link or a form.
struct PageRoutes: Sendable {
    let site: SiteState

    func add(to router: Router<SiteRequestContext>) {
        router.get("/") { request, _ in
            let visitor = Visitor(request, query: query(request), served: site.campaigns.count == 1 ? site.campaigns[0] : nil)
            let (title, body) = CampaignPages(language: visitor.language).list(site.campaigns)
            return render(request, visitor: visitor, served: nil, title: title, body)
        }
        // Hummingbird's paths ignore a trailing slash: `/c/{id}` and `/c/{id}/` are this one page.
        router.get("/c/:campaign/") { request, context in try await campaignPage(request, context, embed: false) }
        router.get("/c/:campaign/embed") { request, context in try await campaignPage(request, context, embed: true) }
        router.get("/c/:campaign/find") { request, context in
            let fields = query(request)
            let (served, visitor, paths) = try prepare(request, context, query: fields)
            let question = Finder.Question(fields)
            guard !question.isEmpty else { return Response(status: .seeOther, headers: [.location: paths.campaign]) }
            let answer = try await Finder(served: served).answer(question, supporter: visitor.supporter, outbox: site.outbox, language: visitor.language)
            let (title, body) = ResultsPage(language: visitor.language, served: served, paths: paths).body(answer, question: question)
            return render(request, visitor: visitor, served: served, title: "\(title) — \(served.campaign.title)", body)
        }
        router.get("/c/:campaign/d/:deputy") { request, context in
            let fields = query(request)
            let (served, visitor, paths) = try prepare(request, context, query: fields)
            let recipient = try deputy(served, context)
            let turn = DeputyMessage.turn(fields["turn"])
            let draft = DeputyMessage.draft(served, for: recipient, supporter: visitor.supporter, mastodonInstance: visitor.mastodonInstance, turn: turn)
            let body = DeputyPage(language: visitor.language, served: served, paths: paths, visitor: visitor).keptBody(draft, turn: turn)
            return render(request, visitor: visitor, served: served, title: "\(recipient.name) — \(served.campaign.title)", body)
        }
        router.post("/c/:campaign/d/:deputy/edit") { request, context in
            let (served, visitor, paths) = try prepare(request, context)
            let recipient = try deputy(served, context)
            let form = try await FormBody.read(request, limit: site.options.bodyLimit)
            try site.admit(.measure, served, request: request, context: context)
            let turn = DeputyMessage.turn(form["turn"])
            var draft = DeputyMessage.draft(served, for: recipient, supporter: visitor.supporter, mastodonInstance: visitor.mastodonInstance, turn: turn)
            if let text = form.raw("text"), text.trimmingCharacters(in: .whitespacesAndNewlines) != draft.message.text {
                draft.edit(text)
            }
            let body = DeputyPage(language: visitor.language, served: served, paths: paths, visitor: visitor).body(draft, turn: turn)
            return render(request, visitor: visitor, served: served, title: "\(recipient.name) — \(served.campaign.title)", body)
        }
        router.post("/c/:campaign/d/:deputy/send") { request, context in
            let (served, visitor, paths) = try prepare(request, context)
            let recipient = try deputy(served, context)
            let form = try await FormBody.read(request, limit: site.options.bodyLimit)
            guard let sender = served.sender, served.campaign.web.sendThroughCampaign else { throw SiteError.notFound }
            guard !form.has("text") else { throw SiteError.badRequest(visitor.language.text(.sendThroughNotForEdits)) }
            try site.admit(.send, served, request: request, context: context)
            let draft = DeputyMessage.draft(served, for: recipient, supporter: visitor.supporter, mastodonInstance: nil,
                                            turn: DeputyMessage.turn(form["turn"]))
            guard draft.message.isValid else {
                throw SiteError.badRequest(visitor.language.text(.cannotPostOver, visitor.language.number(draft.message.measurement.excess)))
            }
            let sending = CampaignSending(served: served, sender: sender, outbox: site.outbox, queue: site.queue, metrics: site.metrics)
            switch try await sending.send(draft) {
            case .alreadyWritten:
                return redirect(paths.thanks(recipient.id, repeated: true), visitor: visitor)
            case .windowEnded(let reason):
                let text = visitor.language.text(.windowEnded, reason)
                return render(request, visitor: visitor, served: served, title: text, "<h1>\(recipient.name)</h1>\n<p class=\"problem\">\(text)</p>")
            case .queued:
                return redirect(paths.thanks(recipient.id), visitor: visitor)
            }
        }
        router.get("/c/:campaign/d/:deputy/thanks") { request, context in
            let (served, visitor, paths) = try prepare(request, context)
            let recipient = try deputy(served, context)
            let draft = DeputyMessage.draft(served, for: recipient, supporter: visitor.supporter, mastodonInstance: nil, turn: 0)
            let earlier = try await SupporterHistory.earlierMessage(draft.message, via: .intent, in: site.outbox)
            let history = try await SupporterHistory.read(site.outbox, campaignID: served.id, supporterID: visitor.supporter)
            var written = history.written
            written.insert(recipient.id)
            let ranking = SuggestionRanking(limits: served.campaign.sending, channel: served.campaign.channel, supporter: visitor.supporter)
            let next = ranking.rank(served.audience.targets, loads: history.loads, writtenBySupporter: written, now: history.now).suggestions.first
            let page = ThanksPage(language: visitor.language, served: served, paths: paths, shareURL: site.shareURL(served, request: request))
            let body = page.body(for: recipient, earlier: earlier, repeated: query(request)["repeat"] == "1", next: next?.recipient)
            return render(request, visitor: visitor, served: served, title: "\(visitor.language.text(.thanksHeading)) — \(served.campaign.title)", body)
        }
        router.get("/c/:campaign/satchel") { request, context in
            let (served, visitor, paths) = try prepare(request, context)
            let fields = query(request)
            let satchel = try await Satchel.read(served, from: site.outbox)
            let body = SatchelPage(language: visitor.language, served: served, paths: paths)
                .body(satchel, group: fields["group"], department: fields["department"].flatMap { Department.normalizedCode($0) ?? $0 })
            return render(request, visitor: visitor, served: served, title: "\(visitor.language.text(.satchelHeading)) — \(served.campaign.title)", body)
        }
    }

    // MARK: Steps shared by the pages

    private func campaignPage(_ request: Request, _ context: SiteRequestContext, embed: Bool) async throws -> Response {
        let served = try site.campaign(context.parameters.get("campaign"))
        var visitor = Visitor(request, query: query(request), served: served)
        visitor.embed = visitor.embed || embed
        let paths = Paths(campaignID: served.id, embed: visitor.embed)
        let satchel = try await site.satchels.satchel(of: served)
        let body = served.campaignPage.body(language: visitor.language, embed: paths.embed, satchel: satchel) {
            CampaignPages(language: visitor.language).campaign(served, satchel: satchel, paths: paths)
        }
        return render(request, visitor: visitor, served: served, title: served.campaign.title, body)
    }

    /// The campaign, the visitor and the paths of a request; `fields`, its query when the route has read it already.
    private func prepare(_ request: Request, _ context: SiteRequestContext, query fields: FormFields? = nil) throws -> (ServedCampaign, Visitor, Paths) {
        let served = try site.campaign(context.parameters.get("campaign"))
        let visitor = Visitor(request, query: fields ?? query(request), served: served)
        return (served, visitor, Paths(campaignID: served.id, embed: visitor.embed))
    }

    private func deputy(_ served: ServedCampaign, _ context: SiteRequestContext) throws -> Recipient {
        let id = context.parameters.get("deputy") ?? ""
        guard let recipient = served.target(id) else { throw SiteError.unknownDeputy(id) }
        return recipient
    }

    private func query(_ request: Request) -> FormFields {
        FormFields(request.uri.query.map { Substring($0) })
    }

    private func render(_ request: Request, visitor: Visitor, served: ServedCampaign?, title: String, _ body: HTML, status: HTTPResponse.Status = .ok) -> Response {
        let home = served.map { (title: $0.campaign.title, path: Paths(campaignID: $0.id, embed: false).campaign) }
        let layout = Layout(language: visitor.language, switchURL: Self.switchURL(request, to: visitor.language.other), embed: visitor.embed, home: home)
        var response = Self.html(layout.page(title: title, body), status: status)
        visitor.setCookies(on: &response, options: site.options)
        return response
    }

    private func redirect(_ location: String, visitor: Visitor) -> Response {
        var response = Response(status: .seeOther, headers: [.location: location])
        visitor.setCookies(on: &response, options: site.options)
        return response
    }

    /// A page's answer: `text/html; charset=utf-8`, not cached (it holds the supporter's own message).
    static func html(_ html: HTML, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers.append(htmlType)
        headers.append(noStore)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: html.bytes)))
    }

    /// A page's fields, made (and their values checked) once.
    private static let htmlType = HTTPField(name: .contentType, value: "text/html; charset=utf-8")
    private static let noStore = HTTPField(name: .cacheControl, value: "no-store")

    /// The request's own address with `lang` set to `language` (a GET, so the switch works without a script).
    static func switchURL(_ request: Request, to language: Language) -> String {
        var url = request.method == .get ? request.uri.path : request.uri.path.replacingOccurrences(of: "/edit", with: "")
        url += "?"
        for field in (request.uri.query ?? "").split(separator: "&") where !field.hasPrefix("lang=") {
            url += field
            url += "&"
        }
        url += "lang="
        url += language.rawValue
        return url
    }
}
