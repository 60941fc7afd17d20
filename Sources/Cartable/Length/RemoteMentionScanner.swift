/// Finds the `@domain` part of Mastodon remote mentions (`@user@domain`), which Mastodon does not count.
///
/// Mirrors `Extractor.extract_mentions_or_lists_with_indices` scanning with `Account::MENTION_RE`
/// (`(?<![=/[:word:]])@((USERNAME_RE)(?:@[[:word:]]+([.-]+[[:word:]]+)*)?)`, `USERNAME_RE` being
/// `/[a-z0-9_]+([.-]+[a-z0-9_]+)*/i`), then dropping a match that twitter-text's `end_mention_match`
/// rejects (followed by `@`, `＠`, a Latin accent or `://`) or whose domain is longer than
/// `Extractor::MAX_DOMAIN_LENGTH` (253) code points. A dropped match counts in full, `@user` included;
/// the scan goes on after it, as Ruby's `String#scan` does.
///
/// A Latin accent is a word character, so it is always part of the domain and never follows one:
/// of `end_mention_match`, only the at signs and `://` can reject a remote mention.
enum RemoteMentionScanner {
    /// `Extractor::MAX_DOMAIN_LENGTH`: a longer domain is not a mention.
    static let maxDomainLength = 253

    /// UTF-16 ranges of the `@domain` suffixes, skipping any mention that overlaps a URL in `urls`.
    static func domainRanges(in text: String, excluding urls: [Range<Int>]) -> [Range<Int>] {
        guard text.utf8.contains(UInt8(ascii: "@")) else { return [] }
        let scalars = Array(text.unicodeScalars)
        var offsets = [Int]()
        offsets.reserveCapacity(scalars.count + 1)
        var offset = 0
        for scalar in scalars {
            offsets.append(offset)
            offset += UTF16.width(scalar)
        }
        offsets.append(offset)

        var ranges = [Range<Int>]()
        var index = 0
        while index < scalars.count {
            guard scalars[index] == "@", index == 0 || !precludesMention(scalars[index - 1]) else {
                index += 1
                continue
            }
            let usernameEnd = endOfDottedRun(scalars, from: index + 1, isPart: isUsernameScalar)
            guard usernameEnd > index + 1 else {
                index += 1
                continue
            }
            // A local mention `@user` (or `@user@` with no domain after it) counts as written.
            guard usernameEnd < scalars.count, scalars[usernameEnd] == "@" else {
                index = usernameEnd
                continue
            }
            let domainEnd = endOfDottedRun(scalars, from: usernameEnd + 1, isPart: isWordScalar)
            guard domainEnd > usernameEnd + 1 else {
                index = usernameEnd
                continue
            }
            let mention = offsets[index]..<offsets[domainEnd]
            let domainLength = domainEnd - (usernameEnd + 1)
            if domainLength <= maxDomainLength, !isRejectedEnd(scalars, at: domainEnd),
                !urls.contains(where: { $0.overlaps(mention) })
            {
                ranges.append(offsets[usernameEnd]..<offsets[domainEnd])
            }
            index = domainEnd
        }
        return ranges
    }

    /// End of `part+([.-]+part+)*` starting at `start` (equal to `start` when there is no match).
    private static func endOfDottedRun(
        _ scalars: [Unicode.Scalar], from start: Int, isPart: (Unicode.Scalar) -> Bool
    ) -> Int {
        var end = start
        var index = start
        while index < scalars.count {
            if isPart(scalars[index]) {
                index += 1
                end = index
            } else if end > start, scalars[index] == "." || scalars[index] == "-" {
                index += 1
            } else {
                break
            }
        }
        return end
    }

    /// twitter-text's `end_mention_match` on what follows a remote mention: an at sign or `://`.
    private static func isRejectedEnd(_ scalars: [Unicode.Scalar], at end: Int) -> Bool {
        guard end < scalars.count else { return false }
        let next = scalars[end]
        if next == "@" || next == "\u{FF20}" { return true }
        return next == ":" && end + 2 < scalars.count && scalars[end + 1] == "/" && scalars[end + 2] == "/"
    }

    /// `[a-z0-9_]` under Ruby's `/i`, which folds case with Unicode's rules: the Kelvin sign folds
    /// to `k` and the long s to `s`, so both match.
    private static func isUsernameScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x41...0x5A, 0x5F, 0x61...0x7A, 0x017F, 0x212A: true
        default: false
        }
    }

    /// Onigmo's `[[:word:]]` on a Unicode string: alphabetic characters (letters, letter numbers such
    /// as Ⅻ), marks (accents, viramas, vowel signs, tone marks), decimal digits and connector
    /// punctuation (`_`, `‿`).
    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
                || value == 0x5F
        }
        let properties = scalar.properties
        if properties.isAlphabetic { return true }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .connectorPunctuation: return true
        default: return false
        }
    }

    /// `MENTION_RE`'s lookbehind: no mention right after `=`, `/` or a word character.
    private static func precludesMention(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "=" || scalar == "/" || isWordScalar(scalar)
    }
}
