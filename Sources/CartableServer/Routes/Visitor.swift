import Cartable
import Foundation
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

    /// The visitor of `request`; `campaign` gives the default language.
    init(_ request: Request, query: FormFields, campaign: Campaign?) {
        if let stored = request.cookies[Self.supporterCookie].flatMap({ SupporterID($0.value) }) {
            supporter = stored
            isNew = false
        } else {
            supporter = SupporterID.random()
            isNew = true
        }
        chosenLanguage = query["lang"].flatMap(Language.init(code:))
        language = chosenLanguage
            ?? request.cookies[Self.languageCookie].flatMap { Language(code: $0.value) }
            ?? request.headers[.acceptLanguage].flatMap(Language.init(acceptLanguage:))
            ?? campaign.flatMap { Language(code: $0.language) }
            ?? .english
        if let typed = query["instance"] {
            if let instance = MastodonInstance(typed) {
                chosenInstance = instance
            } else {
                badInstance = typed
            }
        }
        mastodonInstance = chosenInstance ?? request.cookies[Self.mastodonCookie].flatMap { MastodonInstance($0.value) }
        embed = query["embed"] == "1"
    }

    /// Sets the cookies this visit made or changed: HttpOnly, SameSite=Lax, Secure when the site is https, a year.
    func setCookies(on response: inout Response, options: SiteOptions) {
        func cookie(_ name: String, _ value: String) -> Cookie {
            Cookie(name: name, value: value, maxAge: 365 * 86_400, path: "/", secure: options.secureCookies, httpOnly: true, sameSite: .lax)
        }
        if isNew { response.setCookie(cookie(Self.supporterCookie, supporter.rawValue)) }
        if let chosenLanguage { response.setCookie(cookie(Self.languageCookie, chosenLanguage.rawValue)) }
        if let chosenInstance { response.setCookie(cookie(Self.mastodonCookie, chosenInstance.baseURL)) }
    }
}
