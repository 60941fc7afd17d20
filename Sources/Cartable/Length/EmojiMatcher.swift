/// Finds the emoji sequences that twitter-text v3 (`emojiParsingEnabled: true`) weighs as one unit.
///
/// Exactly what upstream's `TwitterTextEmojiRegex` matches (Emoji 12 data from twemoji), through the
/// sequences `make emoji` expands from it (`TwitterTextEmojiSequences`, matched by
/// `EmojiSequenceTrie`). An emoji the table does not know is not a unit: its scalars are weighed
/// one by one, so 🤌🏻 (Emoji 13) counts 2 + 2 where a newer table would count 2. Counting newer
/// sequences as one would be a different profile, not twitter-text (see `docs/length.md`).
///
/// The regex is scanned as Java's `Matcher.find()` does: left to right, a match resumes the search
/// at its end, no match moves on by one scalar.
enum EmojiMatcher {
    /// The emoji sequences in `text` that twitter-text's emoji regex matches, as UTF-16 ranges
    /// (end exclusive), in order.
    static func emojiRanges(in text: String) -> [Range<Int>] {
        if let ranges = text.utf8.withContiguousStorageIfAvailable({ emojiRanges(inUTF8: $0) }) {
            return ranges
        }
        return Array(text.utf8).withUnsafeBufferPointer { emojiRanges(inUTF8: $0) }
    }

    /// The same as `emojiRanges(in:)`, over the UTF-8 bytes of a string.
    static func emojiRanges(inUTF8 bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        // Every sequence holds a scalar >= U+2000 (keycaps end in U+20E3, © and ® need U+FE0F; a
        // test checks the table), and those are the scalars whose UTF-8 lead byte is >= 0xE2.
        guard bytes.contains(where: { $0 >= 0xE2 }) else { return [] }
        let trie = EmojiSequenceTrie.twitterText
        let text = UTF8Scalars(bytes: bytes)
        var ranges: [Range<Int>] = []
        var position = 0
        var utf16Offset = 0
        while let scalar = text.scalar(at: position) {
            if trie.mayStart(with: scalar.value), let end = trie.sequenceEnd(in: text, startingWith: scalar) {
                let length = text.utf16Length(from: position, to: end)
                ranges.append(utf16Offset..<(utf16Offset + length))
                utf16Offset += length
                position = end
            } else {
                utf16Offset += scalar.value > 0xFFFF ? 2 : 1
                position = scalar.end
            }
        }
        return ranges
    }
}
