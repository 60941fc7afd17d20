/// A message to put in the outbox: what `queue` writes, one per recipient and sending channel.
public struct OutboxEntry: Sendable, Hashable {
    /// Who sends it, to whom, through which channel: unique in the outbox (enqueueing a key already there is a no-op).
    public var idempotencyKey: IdempotencyKey
    /// Whether its channel reaches the recipient (see ``ChannelDescriptor/reachesRecipient``); stored with the row,
    /// since only rows that reach someone count against caps and wait for sending hours.
    public var reachesRecipient: Bool
    /// The recipient's name, for `status` (who has been reached).
    public var recipientName: String?
    /// The recipient's handle on the campaign's platform, without `@`.
    public var recipientHandle: String?
    /// The text, exactly as it will be posted.
    public var text: String
    /// The template variant it was rendered from.
    public var variant: String?
    /// The text's language, ISO 639-1.
    public var language: String?

    /// An entry from its parts: the key is made of the campaign, supporter, recipient and channel.
    public init(
        campaignID: String, supporterID: String = IdempotencyKey.organiser, recipientID: String, channel: ChannelDescriptor,
        text: String, recipientName: String? = nil, recipientHandle: String? = nil, variant: String? = nil, language: String? = nil
    ) {
        self.init(
            idempotencyKey: IdempotencyKey(campaign: campaignID, supporter: supporterID, recipient: recipientID, channel: channel),
            reachesRecipient: channel.reachesRecipient, text: text, recipientName: recipientName,
            recipientHandle: recipientHandle, variant: variant, language: language)
    }

    /// An entry as an outbox stores it: the key's parts and whether its channel reaches the recipient.
    public init(
        idempotencyKey: IdempotencyKey, reachesRecipient: Bool, text: String, recipientName: String? = nil,
        recipientHandle: String? = nil, variant: String? = nil, language: String? = nil
    ) {
        self.idempotencyKey = idempotencyKey
        self.reachesRecipient = reachesRecipient
        self.recipientName = recipientName
        self.recipientHandle = recipientHandle
        self.text = text
        self.variant = variant
        self.language = language
    }

    /// The campaign the message belongs to.
    public var campaignID: String { idempotencyKey.campaign }
    /// Who sends it: ``IdempotencyKey/organiser`` for a campaign's batch, or a supporter's id.
    public var supporterID: String { idempotencyKey.supporter }
    /// The recipient's stable id.
    public var recipientID: String { idempotencyKey.recipient }
    /// The sending channel's name (``ChannelDescriptor/name``).
    public var channel: String { idempotencyKey.channel }
}
