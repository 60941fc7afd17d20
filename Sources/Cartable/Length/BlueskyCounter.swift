/// Bluesky's `app.bsky.feed.post` text limits: at most `maxGraphemes` grapheme clusters and `maxBytes` UTF-8 bytes.
///
/// Links count in full (Bluesky does not shorten them). The weighted length is the grapheme count; a text can
/// also be invalid for its bytes alone, so `permillage` reports whichever limit is closer to being reached.
struct BlueskyCounter: Sendable, Hashable {
    var maxGraphemes = 300
    var maxBytes = 3000

    func measure(_ text: String) -> Measurement {
        if text.allSatisfy(\.isWhitespace) { return .empty(maxLength: maxGraphemes) }
        var graphemes = 0
        var bytes = 0
        var offset = 0
        var validOffset = 0
        for character in text {
            graphemes += 1
            bytes += character.utf8.count
            offset += character.utf16.count
            if graphemes <= maxGraphemes && bytes <= maxBytes { validOffset = offset }
        }
        return Measurement(
            weightedLength: graphemes,
            maxLength: maxGraphemes,
            valid: graphemes <= maxGraphemes && bytes <= maxBytes,
            permillage: max(graphemes * 1000 / maxGraphemes, bytes * 1000 / maxBytes),
            displayRangeStart: 0,
            displayRangeEnd: offset - 1,
            validRangeStart: 0,
            validRangeEnd: validOffset - 1
        )
    }
}
