/// Composes a batch one recipient at a time, numbering the recipients of each variant set as they come, so the
/// rotation spreads variants evenly (see ``VariantRotation``).
///
/// Give it the targets in list order, each once: the numbering is what makes the batch deterministic.
public struct BatchComposer: Sendable {
    /// The composer.
    public let composer: Composer
    private var nextRank: [VariantSet: Int] = [:]
    /// Variant sets met so far, by the bits of the segments their recipients match (see ``Composer/segmentBits(for:)``).
    private var setsBySegmentBits: [UInt64: VariantSet] = [:]

    /// Starts a batch.
    public init(_ composer: Composer) {
        self.composer = composer
    }

    /// The message for the next target. Call it only for targets the channel reaches (see
    /// ``Recipient/isReachable(on:)``): the others have no handle to address.
    public mutating func compose(_ recipient: Recipient) -> Message {
        let set = variantSet(for: recipient)
        let rank = nextRank[set, default: 0]
        nextRank[set] = rank + 1
        return composer.message(for: recipient, in: set, rank: rank)
    }

    /// Counts the next target without composing its message, so the targets after it get the variants they get in
    /// the whole batch (to show a subset).
    public mutating func skip(_ recipient: Recipient) {
        nextRank[variantSet(for: recipient), default: 0] += 1
    }

    /// The recipient's variant set, built once per combination of segments met.
    private mutating func variantSet(for recipient: Recipient) -> VariantSet {
        guard let bits = composer.segmentBits(for: recipient) else { return composer.variantSet(for: recipient) }
        if let known = setsBySegmentBits[bits] { return known }
        let set = composer.variantSet(for: recipient)
        setsBySegmentBits[bits] = set
        return set
    }
}

/// The messages for a sequence of targets, composed as they are read; targets the channel cannot reach are
/// skipped. Made by ``Composer/messages(for:)``.
public struct ComposedMessages<Targets: Sequence<Recipient>>: Sequence {
    let composer: Composer
    let targets: Targets

    public func makeIterator() -> Iterator {
        Iterator(batch: BatchComposer(composer), targets: targets.makeIterator())
    }

    /// Reads targets and composes each reachable one.
    public struct Iterator: IteratorProtocol {
        var batch: BatchComposer
        var targets: Targets.Iterator

        public mutating func next() -> Message? {
            while let recipient = targets.next() {
                if recipient.isReachable(on: batch.composer.campaign.channel) { return batch.compose(recipient) }
            }
            return nil
        }
    }
}
