/// UTF-8 to UTF-16 into a caller's buffer: twitter-text's indices are UTF-16 offsets, and a native
/// Swift string stores UTF-8, so the URL scanner works on a transcoded copy (faster than walking
/// `String.utf16`, which decodes with index bookkeeping).
enum UTF16Transcoding {
    /// Writes the UTF-16 form of `bytes` into `buffer` and returns the number of code units written.
    ///
    /// `bytes` must be valid UTF-8 (as a `String`'s storage is) and `buffer` at least `bytes.count`
    /// long; a truncated sequence at the end is dropped rather than read past the end.
    static func transcode(validUTF8 bytes: UnsafeBufferPointer<UInt8>, into buffer: UnsafeMutableBufferPointer<UInt16>) -> Int {
        var input = 0
        var output = 0
        let count = bytes.count
        while input < count {
            let lead = UInt32(bytes[input])
            if lead < 0x80 {
                buffer[output] = UInt16(lead)
                input += 1
                output += 1
            } else if lead < 0xE0 {
                guard input + 1 < count else { break }
                buffer[output] = UInt16((lead & 0x1F) << 6 | UInt32(bytes[input + 1] & 0x3F))
                input += 2
                output += 1
            } else if lead < 0xF0 {
                guard input + 2 < count else { break }
                buffer[output] = UInt16((lead & 0x0F) << 12 | UInt32(bytes[input + 1] & 0x3F) << 6
                    | UInt32(bytes[input + 2] & 0x3F))
                input += 3
                output += 1
            } else {
                guard input + 3 < count else { break }
                let scalar = (lead & 0x07) << 18 | UInt32(bytes[input + 1] & 0x3F) << 12
                    | UInt32(bytes[input + 2] & 0x3F) << 6 | UInt32(bytes[input + 3] & 0x3F)
                let offset = scalar &- 0x10000
                buffer[output] = UInt16(truncatingIfNeeded: 0xD800 | (offset >> 10))
                buffer[output + 1] = UInt16(truncatingIfNeeded: 0xDC00 | (offset & 0x3FF))
                input += 4
                output += 2
            }
        }
        return output
    }
}
