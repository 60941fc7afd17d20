import Hummingbird

/// Why a request is refused, shown as a page (or a JSON error under `/api/`) with its status.
enum SiteError: Error, Sendable {
    /// No campaign with this id.
    case unknownCampaign(String)
    /// No such deputy among the campaign's targets.
    case unknownDeputy(String)
    /// No such page.
    case notFound
    /// Input that cannot be used, with what to do (already in the page's language).
    case badRequest(String)
    /// A POST from a foreign origin, or none.
    case foreignOrigin
    /// A body over the limit.
    case tooLarge
    /// Too many sends or measures from this client: wait `retryAfter` seconds.
    case tooMany(retryAfter: Int)

    /// The HTTP status it answers with.
    var status: HTTPResponse.Status {
        switch self {
        case .unknownCampaign, .unknownDeputy, .notFound: .notFound
        case .badRequest: .badRequest
        case .foreignOrigin: .forbidden
        case .tooLarge: .contentTooLarge
        case .tooMany: .tooManyRequests
        }
    }

    /// A short code for the API: `unknown-campaign`, `too-many-requests`.
    var code: String {
        switch self {
        case .unknownCampaign: "unknown-campaign"
        case .unknownDeputy: "unknown-deputy"
        case .notFound: "not-found"
        case .badRequest: "bad-request"
        case .foreignOrigin: "foreign-origin"
        case .tooLarge: "too-large"
        case .tooMany: "too-many-requests"
        }
    }

    /// The heading and the sentence for people, in `language`.
    func explanation(in language: Language) -> (heading: String, text: String) {
        switch self {
        case .unknownCampaign(let id): (language.text(.notFoundHeading), language.text(.notFoundCampaign, id))
        case .unknownDeputy(let id): (language.text(.notFoundHeading), language.text(.notFoundDeputy, id))
        case .notFound: (language.text(.notFoundHeading), language.text(.notFoundPage))
        case .badRequest(let text): (language.text(.badRequestHeading), text)
        case .foreignOrigin: (language.text(.forbiddenHeading), language.text(.forbiddenText))
        case .tooLarge: (language.text(.tooLargeHeading), language.text(.tooLargeText))
        case .tooMany(let seconds): (language.text(.tooManyHeading), language.text(.tooManyText, language.number(seconds)))
        }
    }
}
