/// How single scalars behave inside twitter-text's emoji sequences (see `EmojiMatcher`).
enum EmojiScalar {
    static let zeroWidthJoiner: UInt32 = 0x200D
    static let blackFlag: UInt32 = 0x1F3F4
    static let regionalIndicators: ClosedRange<UInt32> = 0x1F1E6...0x1F1FF
    static let skinTones: ClosedRange<UInt32> = 0x1F3FB...0x1F3FF

    /// Whether `value` can start an emoji element on its own (no keycap, flag or stray VS16).
    ///
    /// The ASCII keycap bases and ©, ®, ™, ♟ need a following character to be emoji, and regional
    /// indicators only pair with each other, so none of them is an element base.
    static func isEmojiElementBase(_ value: UInt32) -> Bool {
        switch value {
        case 0x2122, 0x265F, regionalIndicators: return false
        default: return Unicode.Scalar(value)?.properties.isEmoji ?? false
        }
    }

    /// Whether a following U+FE0F belongs to `base` (and a following U+FE0E makes it text).
    ///
    /// True for the emoji that have a text/emoji variation sequence: every text-default emoji,
    /// plus the emoji-presentation ones listed in `emoji-variation-sequences.txt`. Upstream's table
    /// leaves ♾ U+267E out, so it is left out here too.
    static func takesVariationSelector(_ base: Unicode.Scalar) -> Bool {
        if base.value == 0x267E { return false }
        return !base.properties.isEmojiPresentation || hasPresentationVariant(base.value)
    }

    /// Whether a skin-tone modifier after `base` belongs to it (upstream also lists ⛷ U+26F7).
    static func takesSkinTone(_ base: Unicode.Scalar) -> Bool {
        base.properties.isEmojiModifierBase || base.value == 0x26F7
    }

    /// The emoji-presentation characters that nevertheless have a text variation sequence.
    private static func hasPresentationVariant(_ value: UInt32) -> Bool {
        switch value {
        case 0x231A, 0x231B, 0x25FD, 0x25FE, 0x2614, 0x2615, 0x2648...0x2653, 0x267F, 0x2693,
            0x26A1, 0x26AA, 0x26AB, 0x26BD, 0x26BE, 0x26C4, 0x26C5, 0x26D4, 0x26EA, 0x26F2, 0x26F3,
            0x26F5, 0x26FA, 0x26FD, 0x2757, 0x2B1B, 0x2B1C, 0x2B50, 0x2B55, 0x1F004, 0x1F21A, 0x1F22F:
            return true
        default:
            return false
        }
    }
}
