extension OutboxEntry {
    /// The outbox entry for a composed message sent through the sender channel `via` (`x`, `mastodon`, `bluesky`,
    /// `webhook`, `dry-run`).
    ///
    /// The key is the message's `campaign/supporter/recipient/channel`, with the sender channel as its last part when
    /// it is not the campaign's own (a batch queued for the dry run and then for X are two sets of messages).
    public init(_ message: Message, campaign: Campaign, via: String) {
        var parts = message.idempotencyKey.rawValue.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if OutboxEntry.senderChannel(for: campaign.channel) != via, parts.count == 4 {
            parts[3] = via.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "/", with: "%2F")
        }
        self.init(
            idempotencyKey: parts.joined(separator: "/"), campaignID: campaign.id,
            supporterID: message.idempotencyKey.parts.dropFirst().first ?? IdempotencyKey.organiser,
            recipientID: message.recipient.id, recipientName: message.recipient.name,
            recipientHandle: message.recipient.handle(on: campaign.channel), channel: via, text: message.text,
            variant: message.variantID, language: campaign.language)
    }

    /// The sender channel that posts a campaign channel's messages: `x` for `twitter`, the same name otherwise.
    public static func senderChannel(for channel: Channel) -> String {
        channel == .twitter ? "x" : channel.rawValue
    }

    /// Whether messages composed for `channel` can go through the sender `via`: their own platform's sender, the
    /// organiser's webhook (which takes anything) or the dry run.
    public static func canSend(_ channel: Channel, via: String) -> Bool {
        via == senderChannel(for: channel) || via == "webhook" || via == "dry-run"
    }
}
