/// One message ready to leave: what an outbox row holds when the dispatcher hands it to a ``MessageSender``.
public struct OutgoingMessage: Sendable, Hashable {
    /// Stable per (campaign, supporter, recipient, channel): sent as `Idempotency-Key` where the platform has one.
    public var idempotencyKey: String
    /// The composed text, already validated for the channel's length rules.
    public var text: String
    /// The channel name: `"webhook"`, `"mastodon"`, `"x"`, `"bluesky"` or `"dry-run"` (see ``BuiltInChannel``).
    public var channel: String
    /// The campaign this message belongs to.
    public var campaignID: String
    /// The recipient's stable id (e.g. a deputy's id in the open data).
    public var recipientID: String
    /// The recipient's handle on this channel, without `@`.
    public var recipientHandle: String?
    /// The template variant the composer picked, if any.
    public var variant: String?
    /// The text's language, ISO 639-1 (e.g. `"fr"`).
    public var language: String?

    /// A message with every field.
    public init(
        idempotencyKey: String, text: String, channel: String, campaignID: String, recipientID: String,
        recipientHandle: String? = nil, variant: String? = nil, language: String? = nil
    ) {
        self.idempotencyKey = idempotencyKey
        self.text = text
        self.channel = channel
        self.campaignID = campaignID
        self.recipientID = recipientID
        self.recipientHandle = recipientHandle
        self.variant = variant
        self.language = language
    }
}
