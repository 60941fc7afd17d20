/// A set of ASCII characters stored as a 128-bit mask, so that a membership test on a UTF-16 code
/// unit is a shift and an AND (the URL scanner does several per character).
struct ASCIISet: Sendable, Hashable {
    /// Bit `c` is set when the character with code `c` (0..<64) is in the set.
    let low: UInt64
    /// Bit `c - 64` is set when the character with code `c` (64..<128) is in the set.
    let high: UInt64

    init(low: UInt64, high: UInt64) {
        self.low = low
        self.high = high
    }

    /// The set of the ASCII characters of `characters` (non-ASCII characters are ignored).
    init(_ characters: String) {
        var low: UInt64 = 0
        var high: UInt64 = 0
        for byte in characters.utf8 where byte < 0x80 {
            if byte < 64 { low |= 1 << UInt64(byte) } else { high |= 1 << UInt64(byte - 64) }
        }
        self.init(low: low, high: high)
    }

    /// Whether `unit` is an ASCII character of the set (always false for non-ASCII units).
    @inline(__always)
    func contains(_ unit: UInt16) -> Bool {
        if unit < 64 { return low & (1 << UInt64(unit)) != 0 }
        if unit < 128 { return high & (1 << UInt64(unit &- 64)) != 0 }
        return false
    }
}
