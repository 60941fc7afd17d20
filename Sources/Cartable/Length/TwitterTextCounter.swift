/// twitter-text's `parseTweet`, with Java reference semantics (see `docs/length.md`).
struct TwitterTextCounter: Sendable, Hashable {
    let configuration: TwitterTextConfiguration

    func measure(_ text: String) -> Measurement {
        let maxLength = configuration.maxWeightedTweetLength
        if isBlankForJava(text) { return .empty(maxLength: maxLength) }

        let normalized = UnicodeNormalization.nfc(text)
        let originalLength = text.utf16.count
        let delta = originalLength - normalized.utf16.count

        let urls = normalized.utf8.contains(UInt8(ascii: ".")) ? URLExtractor.urlRanges(in: normalized) : []
        let emoji = configuration.emojiParsingEnabled ? EmojiMatcher.emojiRanges(in: normalized) : []

        let scale = configuration.scale
        let scaledMax = maxLength * scale
        let urlWeight = configuration.transformedURLLength * scale
        var weighted = 0
        var offset = 0
        var validOffset = 0
        var hasInvalid = false
        var urlIndex = 0
        var emojiIndex = 0

        var scalars = normalized.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            if urlIndex < urls.count, urls[urlIndex].lowerBound == offset {
                // A URL weighs the same whatever its length; its first scalar is `scalar`.
                let url = urls[urlIndex]
                urlIndex += 1
                offset += UTF16.width(scalar)
                while offset < url.upperBound, let next = scalars.next() { offset += UTF16.width(next) }
                weighted += urlWeight
                if weighted <= scaledMax { validOffset += url.count }
                continue
            }
            while emojiIndex < emoji.count, emoji[emojiIndex].lowerBound < offset { emojiIndex += 1 }

            let unitLength: Int
            if emojiIndex < emoji.count, emoji[emojiIndex].lowerBound == offset {
                let match = emoji[emojiIndex]
                emojiIndex += 1
                weighted += configuration.defaultWeight
                var consumed = UTF16.width(scalar)
                while consumed < match.count, let next = scalars.next() { consumed += UTF16.width(next) }
                unitLength = consumed
            } else {
                weighted += weight(of: scalar)
                unitLength = UTF16.width(scalar)
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

    private func weight(of scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
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
