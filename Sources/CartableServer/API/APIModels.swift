import Cartable
import Foundation

/// An API refusal: `{"error": "unknown-deputy", "message": "…"}`.
struct APIError: Encodable, Sendable {
    var error: String
    var message: String
}

/// `GET /api/c/{id}`.
struct APICampaign: Encodable, Sendable {
    var id: String
    var title: String
    var organiser: String
    var language: String
    var channel: String
    var profile: String
    var maxLength: Int
    var intro: String?
    var sendThroughCampaign: Bool
    var deputies: Int
    var satchel: APISatchel
}

/// The satchel so far.
struct APISatchel: Encodable, Sendable {
    var messages: Int
    var deputiesReached: Int
    var deputies: Int
}

/// A deputy.
struct APIDeputy: Encodable, Sendable {
    var id: String
    var name: String
    var group: String?
    var department: String?
    var departmentName: String?
    var constituency: Int?
    var handle: String?
    var reachable: Bool
    var messagesSoFar: Int?

    init(_ recipient: Recipient, on channel: Channel, messagesSoFar: Int? = nil) {
        id = recipient.id
        name = recipient.name
        group = recipient.group
        department = recipient.department
        departmentName = recipient.departmentName ?? recipient.department.flatMap { Department(code: $0)?.name }
        constituency = recipient.constituency
        handle = recipient.mention(on: channel)
        reachable = recipient.isReachable(on: channel)
        self.messagesSoFar = messagesSoFar
    }
}

/// `GET /api/c/{id}/deputies`.
struct APIDeputies: Encodable, Sendable {
    var understood: [String]
    /// What the supporter should know, e.g. that a postcode spans several constituencies and which commune is in which.
    var notes: [String]
    var deputies: [APIDeputy]
    var outsideTargets: [String]
    var suggested: Bool
}

/// `GET /api/c/{id}/d/{deputy}/message`.
struct APIMessage: Encodable, Sendable {
    var deputy: APIDeputy
    var text: String
    var variant: Int
    var variantID: String?
    var variantCount: Int
    var weightedLength: Int
    var maxLength: Int
    var valid: Bool
    var excess: Int
    var intentURL: String?
    var sendThroughCampaign: Bool
}

/// `POST /api/c/{id}/measure`, asked.
struct APIMeasureRequest: Decodable, Sendable {
    var text: String
    var profile: String?
}

/// `POST /api/c/{id}/measure`, answered.
struct APIMeasurement: Encodable, Sendable {
    var profile: String
    var weightedLength: Int
    var maxLength: Int
    var valid: Bool
    var excess: Int
}

/// `POST /api/c/{id}/d/{deputy}/send`, asked: the wording's number only, never a text.
struct APISendRequest: Decodable, Sendable {
    var variant: Int?
    var text: String?
}

/// `POST /api/c/{id}/d/{deputy}/send`, answered.
struct APISendResult: Encodable, Sendable {
    /// `queued` (in the outbox; the server posts it), `already-written` (the earlier row's text and state), `window-ended`.
    var outcome: String
    var text: String
    var detail: String
    var state: String?
    var postURL: String?
    var notBefore: Date?
}
