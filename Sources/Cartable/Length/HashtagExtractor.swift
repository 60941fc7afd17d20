import Foundation

/// Finds hashtags as twitter-text does (Java reference, `Regex.VALID_HASHTAG` and `Extractor.extractHashtags`).
///
/// A hashtag is `#` or `＃`, not followed by U+FE0F or U+20E3 (a keycap), then letters, marks, decimal digits and a few
/// joining characters (`_`, ZWNJ, ZWJ, `·`, `〜`, …), with at least one letter or mark. It must follow the start of
/// the text, U+FE0E/U+FE0F, or a character that is none of those and not `&`; it is dropped when `#`, `＃` or `://`
/// follows it. Judged by the `hashtags` section of twitter-text's `extract.yml`.
public enum HashtagExtractor {
    private static let letters = #"\p{L}\p{M}"#
    private static let lettersAndNumerals = letters + #"\p{Nd}_\x{200C}\x{200D}\x{A67E}\x{05BE}\x{05F3}\x{05F4}\x{FF5E}\x{301C}\x{309B}\x{309C}\x{30A0}\x{30FB}\x{3003}\x{0F0B}\x{0F0C}\x{00B7}"#
    private static let pattern = #"(?:^|\x{FE0E}|\x{FE0F}|[^&"# + lettersAndNumerals + #"])(?:#|\x{FF03})(?!\x{FE0F}|\x{20E3})(["#
        + lettersAndNumerals + "]*[" + letters + "][" + lettersAndNumerals + "]*)"
    private static let expression = try! NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
    private static let invalidEnd = try! NSRegularExpression(pattern: #"^(?:[#\x{FF03}]|://)"#)

    /// The hashtags of `text` (without their `#`), in order; those inside a URL are left out.
    public static func hashtags(in text: String) -> [String] {
        let whole = text as NSString
        let matches = expression.matches(in: text, range: NSRange(location: 0, length: whole.length))
        guard !matches.isEmpty else { return [] }
        let urls = URLExtractor.extractURLs(from: text).map(\.range)
        var tags: [String] = []
        for match in matches {
            let tag = match.range(at: 1)
            let after = NSRange(location: tag.upperBound, length: whole.length - tag.upperBound)
            if invalidEnd.firstMatch(in: text, range: after) != nil { continue }
            let hash = tag.location - 1
            if urls.contains(where: { $0.contains(hash) || $0.contains(tag.location) }) { continue }
            tags.append(whole.substring(with: tag))
        }
        return tags
    }

    /// Whether `tag` (without `#`) is one whole hashtag for twitter-text, and reads as it is written: a zero-width
    /// joiner or non-joiner only between two letters (as Persian and Sinhala use them), and no enclosing mark (U+20DD…,
    /// which turns a letter into a symbol). twitter-text's pattern lets `ESS` + ZWJ and `A` + U+20DD through, though a
    /// reader can neither see nor type what makes them differ from `ESS` and `A`.
    public static func isHashtag(_ tag: String) -> Bool {
        guard hashtags(in: "#" + tag) == [tag] else { return false }
        let scalars = Array(tag.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            if scalar.properties.generalCategory == .enclosingMark { return false }
            if scalar.value == 0x200C || scalar.value == 0x200D {
                guard index > 0, index < scalars.count - 1, isLetterOrMark(scalars[index - 1]), isLetterOrMark(scalars[index + 1]) else {
                    return false
                }
            }
        }
        return true
    }

    private static func isLetterOrMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .nonspacingMark, .spacingMark: true
        default: false
        }
    }
}
