extension OutboxEntry {
    /// The entry for a composed message of `campaign` sent through `channel`: its key is the message's key on that
    /// channel. Check ``ChannelDescriptor/canSend(messagesFor:)`` first.
    public init(_ message: Message, campaign: Campaign, via channel: ChannelDescriptor) {
        self.init(
            idempotencyKey: message.idempotencyKey.via(channel), reachesRecipient: channel.reachesRecipient,
            text: message.text, recipientName: message.recipient.name,
            recipientHandle: message.recipient.handle(on: campaign.channel), variant: message.variantID,
            language: campaign.language)
    }
}
