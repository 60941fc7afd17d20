/// Composes a batch one recipient at a time, numbering the recipients of each variant set as they come, so the
/// rotation spreads variants evenly (see ``VariantRotation``).
///
/// Give it the targets in list order, each once: the numbering is what makes the batch deterministic.
public struct BatchComposer: Sendable {
    /// Renders, measures and fits each message; the batch only decides the rank each recipient is composed at.
    public let composer: Composer
    /// The variant sets met so far, each with the rank its next recipient gets.
    private var sets: [(set: VariantSet, nextRank: Int)] = []
    /// Where each set is in `sets`.
    private var slotBySet: [VariantSet: Int] = [:]
    /// Slots by the bits of the segments their recipients match (see ``Composer/segmentBits(for:)``).
    private var slotBySegmentBits: [UInt64: Int] = [:]
    /// Slots by group, when the segments name groups only (see ``Composer/segmentsDependOnGroupOnly``).
    private var slotByGroup: [String: Int] = [:]
    private var slotWithoutGroup: Int?
    private var buffer = MessageText()

    /// Starts a batch.
    public init(_ composer: Composer) {
        self.composer = composer
    }

    /// The message for the next target. Call it only for targets the channel reaches (see
    /// ``Recipient/isReachable(on:)``): the others have no handle to address.
    public mutating func compose(_ recipient: Recipient) -> Message {
        let slot = self.slot(for: recipient)
        let rank = sets[slot].nextRank
        sets[slot].nextRank += 1
        return composer.message(for: recipient, in: sets[slot].set, rank: rank, buffer: &buffer)
    }

    /// Counts the next target without composing its message, so the targets after it get the variants they get in
    /// the whole batch (to show a subset).
    public mutating func skip(_ recipient: Recipient) {
        sets[slot(for: recipient)].nextRank += 1
    }

    /// The slot of the recipient's variant set; the set is worked out once per group (or combination of segments).
    private mutating func slot(for recipient: Recipient) -> Int {
        if composer.segmentsDependOnGroupOnly {
            guard let group = recipient.group else {
                if let known = slotWithoutGroup { return known }
                let slot = slot(of: composer.variantSet(for: recipient))
                slotWithoutGroup = slot
                return slot
            }
            if let known = slotByGroup[group] { return known }
            let slot = slot(of: composer.variantSet(for: recipient))
            slotByGroup[group] = slot
            return slot
        }
        guard let bits = composer.segmentBits(for: recipient) else { return slot(of: composer.variantSet(for: recipient)) }
        if let known = slotBySegmentBits[bits] { return known }
        let slot = slot(of: composer.variantSet(for: recipient))
        slotBySegmentBits[bits] = slot
        return slot
    }

    private mutating func slot(of set: VariantSet) -> Int {
        if let known = slotBySet[set] { return known }
        sets.append((set, 0))
        slotBySet[set] = sets.count - 1
        return sets.count - 1
    }
}
