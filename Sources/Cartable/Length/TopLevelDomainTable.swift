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
