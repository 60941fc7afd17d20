/// The messages for a sequence of targets, composed as they are read; targets the channel cannot reach are
/// skipped. Made by ``Composer/messages(for:)``.
public struct ComposedMessages<Targets: Sequence<Recipient>>: Sequence {
    let composer: Composer
    let targets: Targets

    /// Starts composing from the first target.
    public func makeIterator() -> Iterator {
        Iterator(batch: BatchComposer(composer), targets: targets.makeIterator())
    }

    /// Reads targets and composes each reachable one.
    public struct Iterator: IteratorProtocol {
        var batch: BatchComposer
        var targets: Targets.Iterator

        /// The next reachable target's message, or `nil` after the last target.
        public mutating func next() -> Message? {
            while let recipient = targets.next() {
                if recipient.isReachable(on: batch.composer.campaign.channel) { return batch.compose(recipient) }
            }
            return nil
        }
    }
}
