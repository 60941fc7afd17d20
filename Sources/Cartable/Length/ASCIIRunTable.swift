/// An open-addressing hash table of ASCII TLDs, keyed by the TLD packed 6 bits per character, so a
/// lookup needs neither a `String` nor an allocation.
struct ASCIIRunTable: Sendable {
    private struct Key: Equatable {
        var low: UInt64
        var high: UInt64
    }

    /// Characters per key: 20 × 6 bits fit in two `UInt64`; the longest ASCII TLD has 18.
    private static let maximumLength = 20
    private let keys: [Key]
    private let priorities: [Int]
    private let mask: Int

    init(_ entries: [(String, Int)]) {
        var capacity = 16
        while capacity < entries.count * 4 { capacity *= 2 }
        var keys = [Key](repeating: Key(low: 0, high: 0), count: capacity)
        var priorities = [Int](repeating: -1, count: capacity)
        for (tld, priority) in entries {
            let units = Array(tld.utf16)
            guard let key = Self.key(count: units.count, unit: { units[$0] }) else { continue }
            var slot = Self.slot(of: key, mask: capacity - 1)
            while priorities[slot] >= 0 && keys[slot] != key { slot = (slot + 1) & (capacity - 1) }
            if priorities[slot] < 0 {
                keys[slot] = key
                priorities[slot] = priority
            }
        }
        self.keys = keys
        self.priorities = priorities
        mask = capacity - 1
    }

    /// The priority of the TLD spelled by `text[range]` (ASCII, any case), or `nil`.
    func priority(of text: UnsafeBufferPointer<UInt16>, in range: Range<Int>) -> Int? {
        guard let key = Self.key(count: range.count, unit: { text[range.lowerBound + $0] }) else { return nil }
        var slot = Self.slot(of: key, mask: mask)
        while priorities[slot] >= 0 {
            if keys[slot] == key { return priorities[slot] }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// `-` is 1, digits 2...11, letters (folded) 12...37; 0 marks "no character", so keys of
    /// different lengths differ.
    @inline(__always)
    private static func key(count: Int, unit: (Int) -> UInt16) -> Key? {
        guard count > 0, count <= maximumLength else { return nil }
        var low: UInt64 = 0
        var high: UInt64 = 0
        for index in 0..<count {
            let character = URLCharacters.lowercasedASCII(unit(index))
            let code: UInt64
            switch character {
            case 0x2D: code = 1
            case 0x30...0x39: code = UInt64(character - 0x30) + 2
            case 0x61...0x7A: code = UInt64(character - 0x61) + 12
            default: return nil
            }
            if index < 10 { low |= code << UInt64(6 * index) } else { high |= code << UInt64(6 * (index - 10)) }
        }
        return Key(low: low, high: high)
    }

    @inline(__always)
    private static func slot(of key: Key, mask: Int) -> Int {
        let mixed = (key.low &* 0x9E37_79B9_7F4A_7C15) ^ (key.high &* 0xC2B2_AE3D_27D4_EB4F)
        return Int(truncatingIfNeeded: mixed >> 40) & mask
    }
}
