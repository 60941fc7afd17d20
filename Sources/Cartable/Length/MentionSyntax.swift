/// The character classes of twitter-text's mention regexes, over UTF-16 code units.
///
/// Upstream matches case-insensitively, which in Java folds ASCII only: `[a-z]` there means
/// `[A-Za-z]` here, and nothing outside ASCII is folded.
enum MentionSyntax {
    static let maxScreenNameLength = 20
    static let maxListSlugTailLength = 24

    static func isAtSign(_ unit: UInt16) -> Bool { unit == 0x40 || unit == 0xFF20 }

    /// The end of the screen name starting at `start`: up to 20 of `[A-Za-z0-9_]`.
    static func screenNameEnd(in units: [UInt16], from start: Int) -> Int {
        var end = start
        while end < units.count, end - start < maxScreenNameLength, isScreenNameUnit(units[end]) { end += 1 }
        return end
    }

    /// The end of an optional `/slug` after a screen name ending at `nameEnd` (or `nameEnd`).
    static func listSlugEnd(in units: [UInt16], from nameEnd: Int) -> Int {
        guard nameEnd + 1 < units.count, units[nameEnd] == 0x2F, isASCIILetter(units[nameEnd + 1]) else {
            return nameEnd
        }
        let tailStart = nameEnd + 2
        var end = tailStart
        while end < units.count, end - tailStart < maxListSlugTailLength, isListSlugUnit(units[end]) { end += 1 }
        return end
    }

    /// Whether what precedes the run of at signs starting at `atSignsStart` lets a mention start
    /// there, using only characters from `searchStart` on (the end of the previous regex match).
    static func mayStartMention(in units: [UInt16], atSignsAt atSignsStart: Int, searchFrom searchStart: Int) -> Bool {
        if atSignsStart == 0 { return true }
        let before = atSignsStart - 1
        if before >= searchStart, !isForbiddenBeforeMention(units[before]) { return true }
        return retweetPrefixStart(in: units, before: atSignsStart).map { prefixStart in
            prefixStart == 0 || (prefixStart - 1 >= searchStart && !isForbiddenBeforeRetweet(units[prefixStart - 1]))
        } ?? false
    }

    /// Where an `RT` or `RT:` (any case) ending right before `end` starts, if there is one.
    private static func retweetPrefixStart(in units: [UInt16], before end: Int) -> Int? {
        if isRetweetMarker(in: units, endingAt: end) { return end - 2 }
        if end >= 1, units[end - 1] == 0x3A, isRetweetMarker(in: units, endingAt: end - 1) { return end - 3 }
        return nil
    }

    /// Whether `RT`, `rt`, `Rt` or `rT` ends right before `end`.
    private static func isRetweetMarker(in units: [UInt16], endingAt end: Int) -> Bool {
        // OR-ing 0x20 lowercases the ASCII letters and maps no other code unit to `r` or `t`.
        end >= 2 && units[end - 2] | 0x20 == 0x72 && units[end - 1] | 0x20 == 0x74
    }

    /// Whether a mention ending at `end` must be dropped: an at sign, a Latin-accented letter or
    /// `://` follows it.
    static func isInvalidMentionEnd(in units: [UInt16], at end: Int) -> Bool {
        guard end < units.count else { return false }
        let next = units[end]
        if isAtSign(next) || isLatinAccent(next) { return true }
        return end + 2 < units.count && next == 0x3A && units[end + 1] == 0x2F && units[end + 2] == 0x2F
    }

    /// Upstream's `UNICODE_SPACES`: the Unicode White_Space characters (U+180E included).
    static func isUnicodeSpace(_ unit: UInt16) -> Bool {
        switch unit {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x180E, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F,
            0x3000:
            return true
        default:
            return false
        }
    }

    /// Where the prefix a reply may start with ends: Unicode spaces, or the exact run of the
    /// twelve directional marks of upstream's `DIRECTIONAL_CHARACTERS` (its reply regex inserts
    /// them as a sequence, not as a character class), repeated.
    static func replyPrefixEnd(in units: [UInt16]) -> Int {
        var position = 0
        while position < units.count {
            if isUnicodeSpace(units[position]) {
                position += 1
            } else if units[position...].starts(with: directionalMarksRun) {
                position += directionalMarksRun.count
            } else {
                break
            }
        }
        return position
    }

    /// Upstream's `DIRECTIONAL_CHARACTERS`, in its order: ALM, LRM, RLM, LRE, RLE, PDF, LRO, RLO,
    /// LRI, RLI, FSI, PDI.
    private static let directionalMarksRun: [UInt16] = [
        0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069,
    ]

    /// Upstream's `LATIN_ACCENTS_CHARS`.
    static func isLatinAccent(_ unit: UInt16) -> Bool {
        switch unit {
        case 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x24F, 0x253, 0x254, 0x256, 0x257, 0x259, 0x25B, 0x263, 0x268,
            0x26F, 0x272, 0x289, 0x28B, 0x2BB, 0x300...0x36F, 0x1E00...0x1EFF:
            return true
        default:
            return false
        }
    }

    private static func isASCIILetter(_ unit: UInt16) -> Bool {
        (0x41...0x5A).contains(unit) || (0x61...0x7A).contains(unit)
    }

    private static func isASCIIDigit(_ unit: UInt16) -> Bool { (0x30...0x39).contains(unit) }

    private static func isScreenNameUnit(_ unit: UInt16) -> Bool {
        isASCIILetter(unit) || isASCIIDigit(unit) || unit == 0x5F
    }

    private static func isListSlugUnit(_ unit: UInt16) -> Bool { isScreenNameUnit(unit) || unit == 0x2D }

    /// Characters that may not directly precede a mention's at signs: `[A-Za-z0-9_!#$%&*@＠]`.
    private static func isForbiddenBeforeMention(_ unit: UInt16) -> Bool {
        switch unit {
        case 0x21, 0x23, 0x24, 0x25, 0x26, 0x2A, 0x5F: return true
        default: return isAtSign(unit) || isASCIILetter(unit) || isASCIIDigit(unit)
        }
    }

    /// Characters that may not precede an `RT` prefix: `[A-Za-z0-9_+~.-]`.
    private static func isForbiddenBeforeRetweet(_ unit: UInt16) -> Bool {
        switch unit {
        case 0x2B, 0x2D, 0x2E, 0x5F, 0x7E: return true
        default: return isASCIILetter(unit) || isASCIIDigit(unit)
        }
    }
}
