/// One message ready to leave: what an outbox row holds when the dispatcher hands it to a ``MessageSender``.
public struct OutgoingMessage: Sendable, Hashable {
    /// Who sends it to whom, where: send its ``IdempotencyKey/rawValue`` as `Idempotency-Key` where the platform
    /// takes one.
    public var idempotencyKey: IdempotencyKey
    /// The composed text, already validated for the channel's length rules.
    public var text: String
    /// The recipient's handle on the campaign's platform, without `@`.
    public var recipientHandle: String?
    /// The template variant the composer picked, if any.
    public var variant: String?
    /// The text's language, ISO 639-1 (e.g. `"fr"`).
    public var language: String?

    /// A message with every field.
    public init(idempotencyKey: IdempotencyKey, text: String, recipientHandle: String? = nil, variant: String? = nil, language: String? = nil) {
        self.idempotencyKey = idempotencyKey
        self.text = text
        self.recipientHandle = recipientHandle
        self.variant = variant
        self.language = language
    }

    /// The campaign this message belongs to.
    public var campaignID: String { idempotencyKey.campaign }
    /// The recipient's stable id (e.g. a deputy's id in the open data).
    public var recipientID: String { idempotencyKey.recipient }
    /// The name of the channel it is sent on (``ChannelDescriptor/name``).
    public var channel: String { idempotencyKey.channel }
}
