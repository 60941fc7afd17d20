import Cartable
import Foundation

/// The JSON `cartable write --format json` prints: what happened to the message, and the message itself.
struct WriteJSON: Encodable {
    /// `link` (intent), `sent`, `queued` (waits for a cap or the sending hours), `failed` (retried later, or dead),
    /// `already-written`, `too-long`, `window-ended`.
    var outcome: String
    var supporter: String
    var via: String
    var channel: String
    var recipient: WriteRecipientJSON
    var text: String
    var weightedLength: Int
    var maxLength: Int
    var valid: Bool
    var variant: String?
    var edited: Bool
    var idempotencyKey: String
    var intentURL: String?
    var postURL: String?
    /// For `already-written`: the earlier message's state in the outbox.
    var state: String?
    /// Why it was not sent, or what happened before.
    var detail: String?
    /// When a queued message may go (ISO 8601).
    var notBefore: String?

    init(outcome: String, draft: MessageDraft, supporter: SupporterID, via: WriteDestination) {
        self.outcome = outcome
        self.supporter = supporter.rawValue
        self.via = via.description
        channel = draft.message.channel.rawValue
        recipient = WriteRecipientJSON(draft.recipient, on: draft.message.channel)
        text = draft.message.text
        weightedLength = draft.message.measurement.weightedLength
        maxLength = draft.message.measurement.maxLength
        valid = draft.message.isValid
        variant = draft.message.variantID
        edited = draft.isEdited
        idempotencyKey = draft.message.idempotencyKey.rawValue
    }
}

/// A deputy in `write`'s JSON.
struct WriteRecipientJSON: Encodable {
    var id: String
    var name: String
    var group: String?
    var department: String?
    var constituency: Int?
    var handle: String?

    init(_ recipient: Recipient, on channel: Channel) {
        id = recipient.id
        name = recipient.name
        group = recipient.group
        department = recipient.department
        constituency = recipient.constituency
        handle = recipient.handle(on: channel)
    }
}

/// Why no deputy was chosen, for programs: `no-match`, `several-matches`, `nothing-to-suggest`.
struct WriteChoiceJSON: Encodable {
    var error: String
    var understood: [String]
    /// What narrows the matches down: which commune of a postcode lies in which constituency.
    var notes: [String] = []
    var matches: [WriteRecipientJSON]
    var hint: String
}
