/// Mastodon's `StatusLengthValidator`, on the text `Status#prepare_contents` keeps: leading and trailing
/// ASCII whitespace is stripped and not counted (`RubyStrip`); the rest counts in grapheme clusters as
/// Ruby draws them (`ConjunctGraphemes`), every URL with a scheme counts as `charactersReservedPerURL`,
/// and a remote mention `@user@domain` counts as `@user` (`RemoteMentionScanner`).
///
/// The text is measured as the server will keep it, not changed: it is sent as composed and the server
/// strips it. Ranges are UTF-16 indices into the text as given, stripped whitespace included (it weighs 0).
struct MastodonCounter: Sendable, Hashable {
    let maxCharacters: Int
    var charactersReservedPerURL = 23

    func measure(_ text: String) -> Measurement {
        let kept = RubyStrip.keptRange(of: text)
        // Mastodon rejects a blank status ("Text can't be blank").
        if text[kept].unicodeScalars.allSatisfy(\.properties.isWhitespace) { return .empty(maxLength: maxCharacters) }

        let urls = URLExtractor.urlRanges(in: text, includingURLsWithoutProtocol: false)
        let freeRanges = RemoteMentionScanner.domainRanges(in: text, excluding: urls)
        // The stripped ends are ASCII: their UTF-8 and UTF-16 offsets are the same.
        let utf8 = text.utf8
        let keptStart = utf8.distance(from: utf8.startIndex, to: kept.lowerBound)
        let keptEnd = utf8.distance(from: utf8.startIndex, to: kept.upperBound)
        var length = 0
        var offset = 0  // UTF-16
        var byteOffset = 0
        var validOffset = 0
        var urlIndex = 0
        var freeIndex = 0
        var countedUntil = 0  // end of the URL being skipped: it was counted at its first grapheme
        var index = text.startIndex
        // Walking the whole text's clusters, not the kept part's, spares a copy; a cluster differs only where a
        // stripped space carries marks (" \u{301}"), and Ruby then counts the marks as one cluster, as here.
        while index < text.endIndex {
            let next = text.index(after: index)
            let bytes = utf8.distance(from: index, to: next)
            let start = offset
            let startByte = byteOffset
            offset += bytes == 1 ? 1 : text.utf16.distance(from: index, to: next)
            byteOffset += bytes
            if startByte < keptEnd, byteOffset > keptStart, start >= countedUntil {
                if urlIndex < urls.count, urls[urlIndex].lowerBound < offset {
                    length += charactersReservedPerURL
                    countedUntil = urls[urlIndex].upperBound
                    urlIndex += 1
                } else {
                    while freeIndex < freeRanges.count, freeRanges[freeIndex].upperBound <= start { freeIndex += 1 }
                    let isFree = freeIndex < freeRanges.count && freeRanges[freeIndex].contains(start)
                    if !isFree { length += bytes < 9 ? 1 : ConjunctGraphemes.clusterCount(of: text[index..<next]) }
                }
            }
            if length <= maxCharacters { validOffset = offset }
            index = next
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
