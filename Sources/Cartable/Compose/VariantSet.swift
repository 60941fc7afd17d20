/// The variants meant for one kind of recipient (those of a segment, or "the rest"), as positions in the
/// campaign's `templates`. Recipients with the same set share one rotation.
public struct VariantSet: Sendable, Hashable {
    /// Positions in ``Campaign/templates``, in file order.
    public let indices: [Int]
    /// The positions that take turns (all but the `fallback: true` ones, or all if every one is), worked out once.
    let rotation: [Int]

    /// Creates a set; every variant takes turns.
    public init(indices: [Int]) {
        self.init(indices: indices, rotation: indices)
    }

    init(indices: [Int], rotation: [Int]) {
        self.indices = indices
        self.rotation = rotation
    }

    /// Sets are the same when they hold the same variants (the rotation follows from them).
    public static func == (lhs: VariantSet, rhs: VariantSet) -> Bool { lhs.indices == rhs.indices }

    /// Hashes the variants' positions.
    public func hash(into hasher: inout Hasher) { hasher.combine(indices) }

    /// Whether no variant is meant for the recipients.
    public var isEmpty: Bool { indices.isEmpty }
}

/// Which variant of a set each recipient gets: deterministic and evenly spread.
///
/// The recipients of one set take the set's variants in turn, in list order, starting at a place that the
/// campaign's id and seed decide: recipient number `rank` (0, 1, 2... among the targets of that set) gets
/// `rotation[(start + rank) mod count]`. So neighbours in the list get different texts, every variant is used
/// the same number of times give or take one, and the same campaign, list and seed always give the same
/// texts. Reordering the list, or changing the seed, reshuffles who gets what.
struct VariantRotation: Sendable {
    /// Where rotations start, from the campaign id and seed.
    let start: UInt64

    init(campaignID: String, seed: Int) {
        start = Self.stableHash(campaignID + "\u{0}" + String(seed))
    }

    /// The position in `rotation` for the recipient numbered `rank`.
    func pick(rank: Int, among count: Int) -> Int {
        guard count > 0 else { return 0 }
        let offset = Int(start % UInt64(count))
        return (offset + rank % count) % count
    }

    /// FNV-1a, 64 bits: the same on every machine and every run, unlike `Hasher`, which is seeded per process.
    static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }
}
