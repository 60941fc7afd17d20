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
