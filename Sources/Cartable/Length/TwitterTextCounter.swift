/// twitter-text's `parseTweet`, with Java reference semantics (see `docs/length.md`).
struct TwitterTextCounter: Sendable, Hashable {
    let configuration: TwitterTextConfiguration

    func measure(_ text: String) -> Measurement {
        let maxLength = configuration.maxWeightedTweetLength
        if isBlankForJava(text) { return .empty(maxLength: maxLength) }

        // Ranges are reported in the original text: `delta` shifts them back when NFC changed the length.
        let isNFC = UnicodeNormalization.isKnownNFC(text)
        let normalized = isNFC ? text : text.precomposedStringWithCanonicalMapping
        let delta = isNFC ? 0 : text.utf16.count - normalized.utf16.count
        let urls = URLExtractor.urlRanges(in: normalized)
        let emoji = configuration.emojiParsingEnabled ? EmojiMatcher.emojiRanges(in: normalized) : []
        return normalized.withUTF8Bytes { bytes in
            measure(utf8: bytes, urls: urls, emoji: emoji, delta: delta)
        }
    }

    /// The parseTweet loop over valid UTF-8, tracking UTF-16 offsets, which the URL and emoji ranges use.
    private func measure(
        utf8 bytes: UnsafeBufferPointer<UInt8>, urls: [Range<Int>], emoji: [Range<Int>], delta: Int
    ) -> Measurement {
        let maxLength = configuration.maxWeightedTweetLength
        let scale = configuration.scale
        let scaledMax = maxLength * scale
        let urlWeight = configuration.transformedURLLength * scale
        var weighted = 0
        var offset = 0  // UTF-16 offset of `index`
        var validOffset = 0
        var hasInvalid = false
        var urlIndex = 0
        var emojiIndex = 0
        var index = 0
        let decoder = UTF8Scalars(bytes: bytes)

        while let scalar = decoder.scalar(at: index) {
            if urlIndex < urls.count, urls[urlIndex].lowerBound == offset {
                // A URL weighs the same whatever its length.
                let url = urls[urlIndex]
                urlIndex += 1
                while offset < url.upperBound, index < bytes.count {
                    let length = UTF8Scalars.sequenceLength(lead: bytes[index])
                    index += length
                    offset += length == 4 ? 2 : 1
                }
                weighted += urlWeight
                if weighted <= scaledMax { validOffset += url.count }
                continue
            }
            while emojiIndex < emoji.count, emoji[emojiIndex].lowerBound < offset { emojiIndex += 1 }

            let unitLength: Int
            if emojiIndex < emoji.count, emoji[emojiIndex].lowerBound == offset {
                // An emoji sequence weighs `defaultWeight` as a whole.
                let match = emoji[emojiIndex]
                emojiIndex += 1
                weighted += configuration.defaultWeight
                var consumed = 0
                while consumed < match.count, index < bytes.count {
                    let length = UTF8Scalars.sequenceLength(lead: bytes[index])
                    index += length
                    consumed += length == 4 ? 2 : 1
                }
                unitLength = consumed
            } else {
                weighted += weight(of: scalar.value)
                unitLength = scalar.end - index == 4 ? 2 : 1
                index = scalar.end
            }
            if scalar.value == 0xFFFE || scalar.value == 0xFEFF || scalar.value == 0xFFFF { hasInvalid = true }
            offset += unitLength
            if !hasInvalid && weighted <= scaledMax { validOffset += unitLength }
        }

        let weightedLength = weighted / scale
        return Measurement(
            weightedLength: weightedLength,
            maxLength: maxLength,
            valid: !hasInvalid && weightedLength <= maxLength,
            permillage: weightedLength * 1000 / maxLength,
            displayRangeStart: 0,
            displayRangeEnd: offset + delta - 1,
            validRangeStart: 0,
            validRangeEnd: validOffset + delta - 1
        )
    }

    private func weight(of value: UInt32) -> Int {
        for range in configuration.ranges where range.start <= value && value <= range.end {
            return range.weight
        }
        return configuration.defaultWeight
    }

    /// Java's `String.trim().isEmpty()`: nothing but characters at or below U+0020.
    private func isBlankForJava(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 <= 0x20 }
    }
}
