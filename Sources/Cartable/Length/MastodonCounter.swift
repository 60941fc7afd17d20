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
