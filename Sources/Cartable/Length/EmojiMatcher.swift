/// Finds the emoji sequences that twitter-text v3 (`emojiParsingEnabled: true`) weighs as one unit.
///
/// Upstream Java and Objective-C use a generated regex (`TwitterTextEmojiRegex`, Emoji 12/13 data).
/// This scanner reproduces it from the Unicode emoji properties instead, with the UTS #51 grammar
/// and the upstream quirks that change a weight:
///
/// * ZWJ sequences: emoji elements joined by U+200D, each element a base emoji, its VS16 and/or
///   skin-tone modifier. A ZWJ not followed by an emoji element is left out of the match.
/// * Keycaps: `#`, `*` or a digit, an optional U+FE0F, then U+20E3 (so `1⃣` counts 2).
///   Alone, these ASCII characters are never emoji, although they have the `Emoji` property.
/// * Flags: two regional indicators forming one of the 258 RGI flags (`EmojiFlag`); any other
///   regional indicator is matched on its own.
/// * Tag sequences: 🏴 U+1F3F4, tag characters, then the cancel tag U+E007F (🏴󠁧󠁢󠁥󠁮󠁧󠁿).
/// * Modifier sequences: an `Emoji_Modifier_Base` followed by a skin tone (U+1F3FB–U+1F3FF).
/// * Presentation sequences: an emoji that has a text/emoji variation followed by U+FE0F.
///   An emoji-presentation character without one (😀) does *not* absorb a following U+FE0F;
///   that U+FE0F is then a match of its own, as upstream.
/// * Text-default emoji (☺ U+263A, ❤ U+2764, ↔ U+2194 …) are matched on their own, unless
///   U+FE0E (text presentation) follows, in which case they are not emoji at all.
/// * © U+00A9, ® U+00AE, ™ U+2122 and ♟ U+265F are emoji only when U+FE0F follows: upstream
///   treats them as text otherwise, which keeps `©` at weight 1 in v2/v3.
/// * A stray U+FE0F anywhere is a match of its own.
///
/// Known differences from the upstream table, all on sequences newer than or outside it: any
/// well-formed ZWJ or tag sequence is one unit here, while upstream lists the ones it knew
/// (🐻‍❄️ and ❤️‍🔥 count 2 here, 5 upstream); newer modifier bases (🤝🏽) count 2 here, 4
/// upstream; emoji newer than the table are matched here (a lone one weighs 2 either way).
/// Private-use U+E50A, which upstream matches, weighs 2 either way and is not matched here.
/// Two upstream table quirks are kept: ♾ U+267E does not absorb U+FE0F, and ⛷ U+26F7 takes a
/// skin tone. The scan is linear, with a lookahead of a few scalars, over the UTF-8 bytes.
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
        // Every match holds a scalar >= U+2000 (keycaps end in U+20E3, © and ® need U+FE0F, all
        // other emoji are above U+203B), and those are the scalars whose UTF-8 lead byte is >= 0xE2.
        guard bytes.contains(where: { $0 >= 0xE2 }) else { return [] }
        let scanner = EmojiSequenceScanner(bytes: UTF8Scalars(bytes: bytes))
        var ranges: [Range<Int>] = []
        var position = 0
        var utf16Offset = 0
        while let scalar = scanner.bytes.scalar(at: position) {
            if let end = scanner.sequenceEnd(startingWith: scalar) {
                let length = scanner.bytes.utf16Length(from: position, to: end)
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
