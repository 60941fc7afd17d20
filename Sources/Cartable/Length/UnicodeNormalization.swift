import Foundation

/// NFC normalisation with a quick path for text that is already NFC, which is nearly all text a campaign composes.
enum UnicodeNormalization {
    /// `text` in Unicode Normalization Form C.
    static func nfc(_ text: String) -> String {
        isKnownNFC(text) ? text : text.precomposedStringWithCanonicalMapping
    }

    /// Whether every scalar of `text` is one that NFC never changes, whatever surrounds it.
    ///
    /// A `false` answer only means "normalise to find out". The safe scalars are those below U+0300 (which
    /// can only change when a combining mark follows, and marks are not safe), and starters (combining
    /// class 0) in blocks holding no NFC_Quick_Check=No or Maybe code point: punctuation, symbols, arrows,
    /// CJK, and the emoji blocks. This keeps `precomposedStringWithCanonicalMapping`, which is slow, off
    /// the hot path for French text with typographic quotes, the euro sign and emoji.
    static func isKnownNFC(_ text: String) -> Bool {
        return text.withUTF8Bytes { bytes in
            // A byte below 0xCC is ASCII, a continuation byte, or the lead of a 2-byte scalar below U+0300:
            // only the other leads need decoding, so Latin text is checked at byte speed.
            let scalars = UTF8Scalars(bytes: bytes)
            var index = 0
            while index < bytes.count {
                guard bytes[index] >= 0xCC else {
                    index += 1
                    continue
                }
                guard let decoded = scalars.scalar(at: index), let scalar = Unicode.Scalar(decoded.value),
                      isStableStarter(scalar)
                else { return false }
                index = decoded.end
            }
            return true
        }
    }

    private static func isStableStarter(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        let inStableBlock =
            (0x2002...0x2125).contains(value) || (0x212C...0x2328).contains(value)
            || (0x232B...0x2ADB).contains(value) || (0x2ADD...0x2FFF).contains(value)
            || (0x3000...0xD7FF).contains(value) || (0xFE00...0xFE0F).contains(value)
            || (0x1F000...0x1FAFF).contains(value)
        return inStableBlock && scalar.properties.canonicalCombiningClass == .notReordered
    }
}
