/// The character classes of twitter-text's URL regex (`Regex.java`), as tests on UTF-16 code units.
///
/// Java compiles the regex with `CASE_INSENSITIVE` only, which folds ASCII letters and nothing else,
/// so every `a-z` below also admits `A-Z` and non-ASCII characters are compared exactly.
/// A surrogate pair is one code point for the regex; no class here contains an astral code point
/// except the unicode-domain class, which admits both halves of a pair.
enum URLCharacters {
    // The masks are literals so that the optimiser can place them in static memory (a computed
    // `static let` costs a lazy-initialisation check on every use). `URLCharactersTests` checks each
    // mask against the character list written next to it.

    static let alphanumericCharacters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    static let alphanumeric = ASCIISet(low: 0x3ff_0000_0000_0000, high: 0x7ff_fffe_07ff_fffe)
    static let digitCharacters = "0123456789"
    static let digits = ASCIISet(low: 0x3ff_0000_0000_0000, high: 0)

    /// ASCII characters that cannot precede a URL: letters, digits, `@`, `$`, `#`.
    static let invalidPrecedingCharacters = alphanumericCharacters + "@$#"
    static let invalidPreceding = ASCIISet(low: 0x3ff_0018_0000_0000, high: 0x7ff_fffe_07ff_ffff)

    /// `[a-z0-9_-]`: the ASCII part of a subdomain label.
    static let subdomainCharacters = alphanumericCharacters + "-_"
    static let subdomain = ASCIISet(low: 0x3ff_2000_0000_0000, high: 0x7ff_fffe_87ff_fffe)

    /// `[a-z0-9-]`: the ASCII part of a domain-name label, and the characters of an ASCII TLD.
    static let domainNameCharacters = alphanumericCharacters + "-"
    static let domainName = ASCIISet(low: 0x3ff_2000_0000_0000, high: 0x7ff_fffe_07ff_fffe)

    /// ASCII punctuation excluded from a unicode domain label (`PUNCTUATION_CHARS`; no backslash).
    static let domainPunctuationCharacters = "-_!\"#$%&'()*+,./:;<=>?@[]^`{|}~"
    /// The ASCII part of a unicode domain label: neither that punctuation nor Java's `\s`.
    static let unicodeDomain = ASCIISet(low: 0x3ff_0000_ffff_c1ff, high: 0x87ff_fffe_17ff_fffe)

    /// `URL_VALID_GENERAL_PATH_CHARS`, ASCII part.
    static let generalPathCharacters = alphanumericCharacters + "!*';:=+,.$/%#[]-_~|&@"
    static let generalPath = ASCIISet(low: 0x2fff_fcfa_0000_0000, high: 0x57ff_fffe_afff_ffff)

    /// `URL_VALID_PATH_ENDING_CHARS`, ASCII part: a path cannot end with `.`, `,`, `!`, `'` ...
    static let pathEndingCharacters = alphanumericCharacters + "=_#/-+"
    static let pathEnding = ASCIISet(low: 0x23ff_a808_0000_0000, high: 0x7ff_fffe_87ff_fffe)

    /// `URL_VALID_URL_QUERY_CHARS` (ASCII only).
    static let queryCharacters = alphanumericCharacters + "!?*'();:&=+$/%#[]-_.,~|@"
    static let query = ASCIISet(low: 0xafff_fffa_0000_0000, high: 0x57ff_fffe_afff_ffff)

    /// `URL_VALID_URL_QUERY_ENDING_CHARS` (ASCII only).
    static let queryEndingCharacters = alphanumericCharacters + "-_&=#/"
    static let queryEnding = ASCIISet(low: 0x23ff_a048_0000_0000, high: 0x7ff_fffe_87ff_fffe)

    /// Whether `unit` may come right before a URL (`URL_VALID_PRECEDING_CHARS`): anything but an
    /// ASCII letter or digit, `@`, `＠`, `$`, `#`, `＃` and the invalid characters U+FFFE, U+FEFF,
    /// U+FFFF. Directional marks are allowed, as the regex lists them explicitly.
    @inline(__always)
    static func canPrecedeURL(_ unit: UInt16) -> Bool {
        if unit < 0x80 { return !invalidPreceding.contains(unit) }
        switch unit {
        case 0xFF20, 0xFF03, 0xFFFE, 0xFEFF, 0xFFFF: return false
        default: return true
        }
    }

    /// `LATIN_ACCENTS_CHARS`: Latin-1 and Latin Extended letters, some IPA letters, the Hawaiian
    /// okina, combining diacritics and Latin Extended Additional.
    @inline(__always)
    static func isLatinAccent(_ unit: UInt16) -> Bool {
        switch unit {
        case 0x00C0...0x00D6, 0x00D8...0x00F6, 0x00F8...0x024F,
             0x0253, 0x0254, 0x0256, 0x0257, 0x0259, 0x025B, 0x0263, 0x0268, 0x026F, 0x0272, 0x0289,
             0x028B, 0x02BB, 0x0300...0x036F, 0x1E00...0x1EFF:
            return true
        default:
            return false
        }
    }

    @inline(__always)
    static func isCyrillic(_ unit: UInt16) -> Bool { unit >= 0x0400 && unit <= 0x04FF }

    /// `URL_VALID_CHARS`: an ASCII letter or digit or a Latin accent, the core of an ASCII domain label.
    @inline(__always)
    static func isDomainLabelCore(_ unit: UInt16) -> Bool {
        unit < 0x80 ? alphanumeric.contains(unit) : isLatinAccent(unit)
    }

    /// `[URL_VALID_CHARS - _]`: a character inside a subdomain label.
    @inline(__always)
    static func isSubdomainCharacter(_ unit: UInt16) -> Bool {
        unit < 0x80 ? subdomain.contains(unit) : isLatinAccent(unit)
    }

    /// `[URL_VALID_CHARS -]`: a character inside a domain-name label.
    @inline(__always)
    static func isDomainNameCharacter(_ unit: UInt16) -> Bool {
        unit < 0x80 ? domainName.contains(unit) : isLatinAccent(unit)
    }

    /// `URL_VALID_UNICODE_CHARS`: not ASCII punctuation, not Java's `\s`, not `\p{Z}`, not in the
    /// General Punctuation block (U+2000–U+206F). Surrogates count: an astral code point is allowed.
    @inline(__always)
    static func isUnicodeDomainCharacter(_ unit: UInt16) -> Bool {
        if unit < 0x80 { return unicodeDomain.contains(unit) }
        switch unit {
        case 0x00A0, 0x1680, 0x2000...0x206F, 0x3000: return false  // \p{Z} outside the block, and the block
        default: return true
        }
    }

    /// A character that can be part of the first label of any domain form (`[U - _]`), used to find
    /// how far before a `.` a URL can start.
    @inline(__always)
    static func isDomainRunCharacter(_ unit: UInt16) -> Bool {
        isUnicodeDomainCharacter(unit) || unit == 0x2D || unit == 0x5F
    }

    /// `URL_VALID_GENERAL_PATH_CHARS`.
    @inline(__always)
    static func isGeneralPathCharacter(_ unit: UInt16) -> Bool {
        if unit < 0x80 { return generalPath.contains(unit) }
        return unit == 0x2013 || isLatinAccent(unit) || isCyrillic(unit)
    }

    /// The single-character part of `URL_VALID_PATH_ENDING_CHARS`.
    @inline(__always)
    static func isPathEndingCharacter(_ unit: UInt16) -> Bool {
        if unit < 0x80 { return pathEnding.contains(unit) }
        return isLatinAccent(unit) || isCyrillic(unit)
    }

    /// Java's `[-_./]`: what makes a protocol-less match invalid when it comes right before it.
    @inline(__always)
    static func blocksURLWithoutProtocol(_ unit: UInt16) -> Bool {
        unit == 0x2D || unit == 0x5F || unit == 0x2E || unit == 0x2F
    }

    /// ASCII folding for comparisons: `A-Z` to `a-z`, every other unit unchanged.
    @inline(__always)
    static func lowercasedASCII(_ unit: UInt16) -> UInt16 {
        unit >= 0x41 && unit <= 0x5A ? unit | 0x20 : unit
    }
}
