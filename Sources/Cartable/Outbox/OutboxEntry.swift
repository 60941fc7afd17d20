/// A message to put in the outbox: what `cartable queue` writes, one per recipient.
public struct OutboxEntry: Sendable, Hashable {
    /// Unique in the outbox: `campaign/supporter/recipient/channel`. Enqueueing a key that is already there is a no-op.
    public var idempotencyKey: String
    /// The campaign the message belongs to.
    public var campaignID: String
    /// Who sends it: `organiser` for a campaign's batch, or a supporter's id.
    public var supporterID: String
    /// The recipient's stable id.
    public var recipientID: String
    /// The recipient's name, for `status` (who has been reached).
    public var recipientName: String?
    /// The recipient's handle on the channel, without `@`.
    public var recipientHandle: String?
    /// The sender channel: `dry-run`, `webhook`, `mastodon`, `x` or `bluesky`.
    public var channel: String
    /// The text, exactly as it will be posted.
    public var text: String
    /// The template variant it was rendered from.
    public var variant: String?
    /// The text's language, ISO 639-1.
    public var language: String?

    /// An entry with every field.
    public init(
        idempotencyKey: String, campaignID: String, supporterID: String, recipientID: String, recipientName: String? = nil,
        recipientHandle: String? = nil, channel: String, text: String, variant: String? = nil, language: String? = nil
    ) {
        self.idempotencyKey = idempotencyKey
        self.campaignID = campaignID
        self.supporterID = supporterID
        self.recipientID = recipientID
        self.recipientName = recipientName
        self.recipientHandle = recipientHandle
        self.channel = channel
        self.text = text
        self.variant = variant
        self.language = language
    }
}
