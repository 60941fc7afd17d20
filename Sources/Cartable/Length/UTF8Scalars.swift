/// Random-access decoding of Unicode scalars from a UTF-8 buffer, by byte position.
///
/// Lets a scanner look a few scalars ahead without creating `Character`s or `String`s. The buffer
/// comes from a `String`, so it is valid UTF-8; a truncated sequence still decodes (as U+FFFD)
/// instead of reading out of bounds.
struct UTF8Scalars {
    /// A decoded scalar and the byte position just after it.
    struct Scalar {
        var value: UInt32
        var end: Int
    }

    let bytes: UnsafeBufferPointer<UInt8>

    /// The scalar whose first byte is at `position`, or nil at the end of the buffer.
    @inline(__always)
    func scalar(at position: Int) -> Scalar? {
        guard position >= 0, position < bytes.count else { return nil }
        let lead = UInt32(bytes[position])
        let length: Int
        var value: UInt32
        switch lead {
        case ..<0x80: return Scalar(value: lead, end: position + 1)
        case 0xC0..<0xE0: (length, value) = (2, lead & 0x1F)
        case 0xE0..<0xF0: (length, value) = (3, lead & 0x0F)
        case 0xF0..<0xF8: (length, value) = (4, lead & 0x07)
        default: return Scalar(value: 0xFFFD, end: position + 1)
        }
        guard position + length <= bytes.count else { return Scalar(value: 0xFFFD, end: bytes.count) }
        for offset in 1..<length {
            value = value << 6 | UInt32(bytes[position + offset] & 0x3F)
        }
        return Scalar(value: value, end: position + length)
    }

    /// How many UTF-16 code units the bytes `start..<end` encode.
    func utf16Length(from start: Int, to end: Int) -> Int {
        var length = 0
        for byte in bytes[start..<end] {
            if byte & 0xC0 != 0x80 { length += 1 }  // a lead byte starts a scalar
            if byte >= 0xF0 { length += 1 }  // a 4-byte scalar is a surrogate pair
        }
        return length
    }

    /// How many bytes the UTF-8 sequence starting with `lead` has (1 for a stray continuation byte).
    @inline(__always)
    static func sequenceLength(lead: UInt8) -> Int {
        switch lead {
        case 0xF0...: 4
        case 0xE0...: 3
        case 0xC0...: 2
        default: 1
        }
    }
}
