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
        guard let base = bytes.baseAddress, let outputBase = buffer.baseAddress else { return 0 }
        while input < count {
            // Most of a French post is ASCII: widen eight bytes at a time while they are.
            while input + 8 <= count {
                let word = UnsafeRawPointer(base + input).loadUnaligned(as: UInt64.self)
                guard word & 0x8080_8080_8080_8080 == 0 else { break }
                let target = UnsafeMutableRawPointer(outputBase + output)
                target.storeBytes(of: widened(word & 0xFFFF_FFFF), as: UInt64.self)
                target.storeBytes(of: widened(word >> 32), toByteOffset: 8, as: UInt64.self)
                input += 8
                output += 8
            }
            guard input < count else { break }
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

    /// Four bytes (the low half of `word`) spread into four 16-bit lanes, little-endian as stored.
    @inline(__always)
    private static func widened(_ word: UInt64) -> UInt64 {
        let spread = (word | word << 16) & 0x0000_FFFF_0000_FFFF
        return ((spread | spread << 8) & 0x00FF_00FF_00FF_00FF).littleEndian
    }

    /// The string spelled by UTF-16 `units` (a lone surrogate becomes U+FFFD), encoded straight
    /// into the string's UTF-8 storage.
    static func string(from units: UnsafeBufferPointer<UInt16>.SubSequence) -> String {
        String(unsafeUninitializedCapacity: units.count * 3) { utf8 in
            var output = 0
            var index = units.startIndex
            while index < units.endIndex {
                var scalar = UInt32(units[index])
                index += 1
                if UTF16.isLeadSurrogate(UInt16(scalar)), index < units.endIndex, UTF16.isTrailSurrogate(units[index]) {
                    scalar = 0x10000 + ((scalar & 0x3FF) << 10 | UInt32(units[index] & 0x3FF))
                    index += 1
                } else if scalar >= 0xD800 && scalar <= 0xDFFF {
                    scalar = 0xFFFD
                }
                switch scalar {
                case 0..<0x80:
                    utf8[output] = UInt8(scalar)
                    output += 1
                case 0x80..<0x800:
                    utf8[output] = UInt8(0xC0 | scalar >> 6)
                    utf8[output + 1] = UInt8(0x80 | scalar & 0x3F)
                    output += 2
                case 0x800..<0x10000:
                    utf8[output] = UInt8(0xE0 | scalar >> 12)
                    utf8[output + 1] = UInt8(0x80 | (scalar >> 6) & 0x3F)
                    utf8[output + 2] = UInt8(0x80 | scalar & 0x3F)
                    output += 3
                default:
                    // A surrogate pair: 2 units in, 4 bytes out, within the 3-per-unit capacity.
                    utf8[output] = UInt8(0xF0 | scalar >> 18)
                    utf8[output + 1] = UInt8(0x80 | (scalar >> 12) & 0x3F)
                    utf8[output + 2] = UInt8(0x80 | (scalar >> 6) & 0x3F)
                    utf8[output + 3] = UInt8(0x80 | scalar & 0x3F)
                    output += 4
                }
            }
            return output
        }
    }
}
