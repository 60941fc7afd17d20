/// The sequence grammar of `EmojiMatcher`, over byte positions in a UTF-8 buffer.
struct EmojiSequenceScanner {
    let bytes: UTF8Scalars

    /// The end (byte position) of the emoji sequence starting with `first`, if one does.
    func sequenceEnd(startingWith first: UTF8Scalars.Scalar) -> Int? {
        let value = first.value
        switch value {
        case 0x23, 0x2A, 0x30...0x39:
            return keycapEnd(after: first.end)
        case 0xA9, 0xAE, 0x2122, 0x265F:
            return follows(0xFE0F, at: first.end)
        case 0xFE0F:
            return first.end
        case EmojiScalar.regionalIndicators:
            if let second = bytes.scalar(at: first.end), EmojiFlag.isFlag(value, second.value) {
                return second.end
            }
            return first.end
        case ..<0x203C:
            return nil
        default:
            if value == EmojiScalar.blackFlag, let end = tagSequenceEnd(after: first.end) {
                return end
            }
            return zwjSequenceEnd(startingWith: first)
        }
    }

    /// `[#*0-9] U+FE0F? U+20E3`, given the end of the base character.
    private func keycapEnd(after baseEnd: Int) -> Int? {
        let afterSelector = follows(0xFE0F, at: baseEnd) ?? baseEnd
        return follows(0x20E3, at: afterSelector)
    }

    /// Tag characters (U+E0020–U+E007E), at least one, then the cancel tag U+E007F.
    private func tagSequenceEnd(after baseEnd: Int) -> Int? {
        var position = baseEnd
        var tagCount = 0
        while let scalar = bytes.scalar(at: position) {
            switch scalar.value {
            case 0xE0020...0xE007E:
                tagCount += 1
                position = scalar.end
            case 0xE007F:
                return tagCount > 0 ? scalar.end : nil
            default:
                return nil
            }
        }
        return nil
    }

    /// One emoji element, then as many `U+200D element` as follow.
    private func zwjSequenceEnd(startingWith first: UTF8Scalars.Scalar) -> Int? {
        guard var end = elementEnd(startingWith: first) else { return nil }
        while let joiner = bytes.scalar(at: end), joiner.value == EmojiScalar.zeroWidthJoiner,
            let next = bytes.scalar(at: joiner.end), let nextEnd = elementEnd(startingWith: next)
        {
            end = nextEnd
        }
        return end
    }

    /// A base emoji with its optional VS16 and skin-tone modifier, or nil when `first` is not one.
    private func elementEnd(startingWith first: UTF8Scalars.Scalar) -> Int? {
        let value = first.value
        guard value >= 0x203C, EmojiScalar.isEmojiElementBase(value),
            let base = Unicode.Scalar(value)
        else { return nil }
        var end = first.end
        if EmojiScalar.takesVariationSelector(base), let next = bytes.scalar(at: end) {
            if next.value == 0xFE0E { return nil }
            if next.value == 0xFE0F { end = next.end }
        }
        if EmojiScalar.takesSkinTone(base), let modifierEnd = follows(EmojiScalar.skinTones, at: end) {
            end = modifierEnd
        }
        return end
    }

    /// The end of the scalar at `position` when it is `value`.
    private func follows(_ value: UInt32, at position: Int) -> Int? {
        guard let scalar = bytes.scalar(at: position), scalar.value == value else { return nil }
        return scalar.end
    }

    /// The end of the scalar at `position` when it lies in `values`.
    private func follows(_ values: ClosedRange<UInt32>, at position: Int) -> Int? {
        guard let scalar = bytes.scalar(at: position), values.contains(scalar.value) else { return nil }
        return scalar.end
    }
}
