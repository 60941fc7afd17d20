/// A campaign's batch, walked once in list order: the one walk `preview` and `queue` share, so that what is queued is
/// what was previewed.
///
/// Reads the recipients as they come, keeps the campaign's targets, and gives each target the channel cannot reach
/// (no handle) as ``Item/unreachable(_:)`` and each other one as its composed ``Item/message(_:)``. With a filter, the
/// targets it leaves out are still counted by the variant rotation (``BatchComposer/skip(_:)``), so a message looks
/// the same in a subset as in the whole batch.
public struct CampaignBatch<Recipients: Sequence<Recipient>>: Sequence {
    /// One target of the batch.
    public enum Item: Sendable {
        /// A target without a handle on the campaign's channel: nothing to compose.
        case unreachable(Recipient)
        /// A target's message, composed and measured.
        case message(Message)
    }

    /// The composer, with its campaign.
    public let composer: Composer
    /// The recipient list, in order.
    public let recipients: Recipients
    /// Which targets to give (empty: every target).
    public let filter: RecipientFilter

    /// The batch of `composer`'s campaign over `recipients`, keeping only the targets `filter` matches.
    public init(_ composer: Composer, recipients: Recipients, filter: RecipientFilter = RecipientFilter()) {
        self.composer = composer
        self.recipients = recipients
        self.filter = filter
    }

    /// Starts at the first recipient.
    public func makeIterator() -> Iterator {
        let campaign = composer.campaign
        return Iterator(
            batch: BatchComposer(composer), recipients: recipients.makeIterator(), filter: filter, targets: campaign.targets,
            channel: campaign.channel)
    }

    /// Walks the recipients, composing each target's message as it is reached.
    public struct Iterator: IteratorProtocol {
        var batch: BatchComposer
        var recipients: Recipients.Iterator
        let filter: RecipientFilter
        // Kept apart from the campaign, so that each step does not copy the whole campaign value.
        let targets: TargetSelector
        let channel: Channel

        /// The next target, or `nil` after the last recipient.
        public mutating func next() -> Item? {
            while let recipient = recipients.next() {
                guard targets.includes(recipient) else { continue }
                let reachable = recipient.isReachable(on: channel)
                guard filter.isEmpty || filter.matchesAll(recipient) else {
                    if reachable { batch.skip(recipient) }
                    continue
                }
                return reachable ? .message(batch.compose(recipient)) : .unreachable(recipient)
            }
            return nil
        }
    }
}
