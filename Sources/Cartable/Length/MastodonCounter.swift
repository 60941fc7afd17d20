/// Mastodon's `StatusLengthValidator`: grapheme clusters, where every URL with a scheme counts as
/// `charactersReservedPerURL` and a remote mention `@user@domain` counts as `@user`.
struct MastodonCounter: Sendable, Hashable {
    let maxCharacters: Int
    var charactersReservedPerURL = 23

    func measure(_ text: String) -> Measurement {
        // Mastodon rejects a blank status ("Text can't be blank").
        if text.allSatisfy(\.isWhitespace) { return .empty(maxLength: maxCharacters) }

        let urls = URLExtractor.urlRanges(in: text, includingURLsWithoutProtocol: false)
        let freeRanges = RemoteMentionScanner.domainRanges(in: text, excluding: urls)
        var length = 0
        var offset = 0
        var validOffset = 0
        var urlIndex = 0
        var freeIndex = 0
        var countedUntil = 0  // end of the URL being skipped: it was counted at its first grapheme
        for character in text {
            let start = offset
            offset += character.utf16.count
            if start >= countedUntil {
                if urlIndex < urls.count, urls[urlIndex].lowerBound < offset {
                    length += charactersReservedPerURL
                    countedUntil = urls[urlIndex].upperBound
                    urlIndex += 1
                } else {
                    while freeIndex < freeRanges.count, freeRanges[freeIndex].upperBound <= start { freeIndex += 1 }
                    let isFree = freeIndex < freeRanges.count && freeRanges[freeIndex].contains(start)
                    if !isFree { length += 1 }
                }
            }
            if length <= maxCharacters { validOffset = offset }
        }
        return Measurement(
            weightedLength: length,
            maxLength: maxCharacters,
            valid: length <= maxCharacters,
            permillage: length * 1000 / maxCharacters,
            displayRangeStart: 0,
            displayRangeEnd: offset - 1,
            validRangeStart: 0,
            validRangeEnd: validOffset - 1
        )
    }
}

/// Finds the `@domain` part of Mastodon remote mentions (`@user@domain`), which Mastodon does not count.
///
/// Mirrors `Account::MENTION_RE`: a mention is not preceded by `=`, `/` or a word character; the username is
/// `[a-z0-9_]+([.-]+[a-z0-9_]+)*`; the domain is `[[:word:]]+([.-]+[[:word:]]+)*`.
enum RemoteMentionScanner {
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
            guard usernameEnd > index + 1, usernameEnd < scalars.count, scalars[usernameEnd] == "@" else {
                index = max(index + 1, usernameEnd)
                continue
            }
            let domainEnd = endOfDottedRun(scalars, from: usernameEnd + 1, isPart: isWordScalar)
            guard domainEnd > usernameEnd + 1 else {
                index = usernameEnd + 1
                continue
            }
            let mention = offsets[index]..<offsets[domainEnd]
            if !urls.contains(where: { $0.overlaps(mention) }) {
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

    private static func isUsernameScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_")
    }

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar.properties.isAlphabetic || scalar.properties.numericType == .decimal
    }

    private static func precludesMention(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "=" || scalar == "/" || isWordScalar(scalar)
    }
}
