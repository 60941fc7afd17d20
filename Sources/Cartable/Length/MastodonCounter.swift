/// Mastodon's `StatusLengthValidator`, on the text `Status#prepare_contents` keeps: leading and trailing
/// ASCII whitespace is stripped and not counted (`RubyStrip`); the rest counts in grapheme clusters as
/// Ruby draws them (`ConjunctGraphemes`), every URL with a scheme counts as `charactersReservedPerURL`,
/// and a remote mention `@user@domain` counts as `@user` (`RemoteMentionScanner`).
///
/// The text is measured as the server will keep it, not changed: it is sent as composed and the server
/// strips it. Ranges are UTF-16 indices into the text as given, stripped whitespace included.
struct MastodonCounter: Sendable, Hashable {
    let maxCharacters: Int
    var charactersReservedPerURL = 23

    func measure(_ text: String) -> Measurement {
        let kept = RubyStrip.keptRange(of: text)
        let status = text[kept]
        // Mastodon rejects a blank status ("Text can't be blank").
        if status.unicodeScalars.allSatisfy(\.properties.isWhitespace) { return .empty(maxLength: maxCharacters) }

        let urls = URLExtractor.urlRanges(in: text, includingURLsWithoutProtocol: false)
        let freeRanges = RemoteMentionScanner.domainRanges(in: text, excluding: urls)
        // Only ASCII is stripped, so the leading part is as long in UTF-16 as in UTF-8.
        let leading = text.utf8.distance(from: text.startIndex, to: kept.lowerBound)
        var length = 0
        var offset = leading
        var validOffset = leading
        var urlIndex = 0
        var freeIndex = 0
        var countedUntil = 0  // end of the URL being skipped: it was counted at its first grapheme
        for character in status {
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
                    if !isFree { length += ConjunctGraphemes.clusterCount(of: character) }
                }
            }
            if length <= maxCharacters { validOffset = offset }
        }
        let end = offset + text.utf8.distance(from: kept.upperBound, to: text.endIndex)
        if length <= maxCharacters { validOffset = end }
        return Measurement(
            weightedLength: length,
            maxLength: maxCharacters,
            valid: length <= maxCharacters,
            permillage: length * 1000 / maxCharacters,
            displayRangeStart: 0,
            displayRangeEnd: end - 1,
            validRangeStart: 0,
            validRangeEnd: validOffset - 1
        )
    }
}
