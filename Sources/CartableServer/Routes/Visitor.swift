import Cartable
import Foundation
import HTTPTypes
import Hummingbird

/// Who is asking, from their cookies and the request: their supporter id (made on the first visit), the page's
/// language, their Mastodon instance, and whether the page is shown in a frame (`embed=1`).
struct Visitor: Sendable {
    /// The supporter's random id, from the `cartable_supporter` cookie.
    var supporter: SupporterID
    /// Whether the id was made for this request (then the cookie is set on the answer).
    var isNew: Bool
    /// The language the page speaks.
    var language: Language
    /// A language chosen with `?lang=` on this request, to remember in a cookie.
    var chosenLanguage: Language?
    /// The supporter's Mastodon instance, from `?instance=` or the `cartable_mastodon` cookie.
    var mastodonInstance: MastodonInstance?
    /// An instance given on this request, to remember.
    var chosenInstance: MastodonInstance?
    /// An instance given on this request that is not one, as typed.
    var badInstance: String?
    /// Whether the page is shown without its chrome, in an organiser's frame.
    var embed: Bool

    static let supporterCookie = "cartable_supporter"
    static let languageCookie = "cartable_lang"
    static let mastodonCookie = "cartable_mastodon"

    /// The visitor of `request`; the campaign `served` gives the default language.
    init(_ request: Request, query: FormFields, served: ServedCampaign?) {
        // Hummingbird reads the `Cookie` header again at each `request.cookies`: once here.
        let cookies = request.cookies
        if let stored = cookies[Self.supporterCookie].flatMap({ SupporterID($0.value) }) {
            supporter = stored
            isNew = false
        } else {
            supporter = SupporterID.random()
            isNew = true
        }
        chosenLanguage = query["lang"].flatMap(Language.init(code:))
        language = chosenLanguage
            ?? cookies[Self.languageCookie].flatMap { Language(code: $0.value) }
            ?? request.headers[.acceptLanguage].flatMap(Language.init(acceptLanguage:))
            ?? served?.language
            ?? .english
        if let typed = query["instance"] {
            if let instance = MastodonInstance(typed) {
                chosenInstance = instance
            } else {
                badInstance = typed
            }
        }
        mastodonInstance = chosenInstance ?? cookies[Self.mastodonCookie].flatMap { MastodonInstance($0.value) }
        embed = query["embed"] == "1"
    }

    /// Sets the cookies this visit made or changed: HttpOnly, SameSite=Lax, Secure when the site is https, a year.
    func setCookies(on response: inout Response, options: SiteOptions) {
        // Written out rather than through Hummingbird's `Cookie` (a dictionary of attributes per cookie): the same
        // attributes on every cookie, so one suffix each way.
        func cookie(_ name: String, _ value: String) {
            response.headers.append(HTTPField(name: .setCookie, value: name + "=" + value
                + (options.secureCookies ? Self.secureAttributes : Self.attributes)))
        }
        if isNew { cookie(Self.supporterCookie, supporter.rawValue) }
        if let chosenLanguage { cookie(Self.languageCookie, chosenLanguage.rawValue) }
        if let chosenInstance { cookie(Self.mastodonCookie, chosenInstance.baseURL) }
    }

    /// A visitor's cookies' attributes: a year, the whole site, not for scripts, not sent from other sites' forms.
    static let attributes = "; Max-Age=\(365 * 86_400); Path=/; HttpOnly; SameSite=Lax"
    /// The same behind https.
    static let secureAttributes = "; Max-Age=\(365 * 86_400); Path=/; Secure; HttpOnly; SameSite=Lax"
}
