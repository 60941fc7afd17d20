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
