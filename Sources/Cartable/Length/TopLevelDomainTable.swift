/// Finds the top-level domain twitter-text's regex would match at a position of a UTF-16 text.
///
/// The regex tries `(generic TLDs)(?=[^a-z0-9@+-]|$)`, then the same with the country TLDs, as
/// alternations in list order, ASCII letters case-insensitively. Two lookups reproduce it:
/// * an ASCII TLD can only match the whole run of `[A-Za-z0-9-]` that starts at the position (the
///   lookahead forbids a following letter, digit or `-`), so it is one hash lookup of that run;
/// * a TLD with non-ASCII characters (`みんな`, `vermögensberater`) is compared as a prefix, among the
///   few that start with the same code unit.
/// When several match, the one the regex would try first (lowest `priority`) wins.
final class TopLevelDomainTable: Sendable {
    /// The table built from the generated lists.
    static let shared = TopLevelDomainTable(generic: TopLevelDomains.generic, country: TopLevelDomains.country)

    /// A TLD with non-ASCII characters, as UTF-16 units with ASCII letters lowercased.
    private struct PrefixEntry: Sendable {
        var units: [UInt16]
        var priority: Int
    }

    private let asciiTable: ASCIIRunTable
    /// Non-ASCII-containing TLDs keyed by their first code unit, in priority order.
    private let prefixEntries: [UInt16: [PrefixEntry]]
    /// Bit `c - 64` is set when some non-ASCII-containing TLD starts with the ASCII letter `c`.
    private let asciiPrefixStarts: UInt64

    /// Builds the table; the regex tries `generic` before `country`, each in the order given.
    init(generic: [String], country: [String]) {
        var ascii: [(String, Int)] = []
        var prefixes: [UInt16: [PrefixEntry]] = [:]
        var asciiStarts: UInt64 = 0
        for (priority, tld) in (generic + country).enumerated() {
            let units = tld.utf16.map(URLCharacters.lowercasedASCII)
            guard let first = units.first else { continue }
            if units.allSatisfy({ $0 < 0x80 }) {
                ascii.append((tld.lowercased(), priority))
            } else {
                prefixes[first, default: []].append(PrefixEntry(units: units, priority: priority))
                if first >= 64 && first < 128 { asciiStarts |= 1 << UInt64(first - 64) }
            }
        }
        asciiTable = ASCIIRunTable(ascii)
        prefixEntries = prefixes
        asciiPrefixStarts = asciiStarts
    }

    /// The end (exclusive) of the generic or country TLD that matches at `start`, or `nil`.
    func matchEnd(in text: UnsafeBufferPointer<UInt16>, at start: Int) -> Int? {
        guard start < text.count else { return nil }
        let first = URLCharacters.lowercasedASCII(text[start])
        var best: (end: Int, priority: Int)?

        if first < 0x80 {
            var end = start
            while end < text.count, URLCharacters.domainName.contains(text[end]) { end += 1 }
            if end > start, !Self.blocksTLD(in: text, at: end),
               let priority = asciiTable.priority(of: text, in: start..<end) {
                best = (end, priority)
            }
            let letterBit = first >= 64 ? asciiPrefixStarts & (1 << UInt64(first &- 64)) : 0
            guard letterBit != 0 else { return best?.end }
        }
        for entry in prefixEntries[first] ?? [] {
            if let best, best.priority < entry.priority { break }
            let end = start + entry.units.count
            guard end <= text.count, !Self.blocksTLD(in: text, at: end) else { continue }
            var index = 0
            while index < entry.units.count,
                  URLCharacters.lowercasedASCII(text[start + index]) == entry.units[index] {
                index += 1
            }
            if index == entry.units.count { best = (end, entry.priority); break }
        }
        return best?.end
    }

    /// The regex's lookahead `(?=[^a-z0-9@+-]|$)`: true when the unit at `index` forbids a TLD end.
    @inline(__always)
    private static func blocksTLD(in text: UnsafeBufferPointer<UInt16>, at index: Int) -> Bool {
        guard index < text.count else { return false }
        let unit = text[index]
        return URLCharacters.domainName.contains(unit) || unit == 0x40 || unit == 0x2B
    }
}

/// An open-addressing hash table of ASCII TLDs, keyed by the TLD packed 6 bits per character, so a
/// lookup needs neither a `String` nor an allocation.
private struct ASCIIRunTable: Sendable {
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
