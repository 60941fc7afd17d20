/// RFC 3986 percent-encoding that keeps only the unreserved characters (`A–Z a–z 0–9 - . _ ~`) as they are and
/// encodes every other byte of the UTF-8 text as `%XX`.
///
/// Stricter than a URL library's query encoding on purpose: `#` would end the query, `&` would start another
/// parameter, `+` reads as a space in forms, and a raw space or non-ASCII letter depends on who parses the link.
/// Encoded this way, a link opens with exactly the text that was encoded, whoever reads it. It is also the encoding
/// OAuth 1.0a signatures, query strings and form bodies need.
public enum PercentEncoding {
    /// `text` with every byte but the unreserved characters written `%XX` (upper-case hex).
    public static func encode(_ text: String) -> String {
        return text.withUTF8Bytes { bytes in
            String(unsafeUninitializedCapacity: bytes.count * 3) { encode(bytes, into: $0) }
        }
    }

    /// Appends ``encode(_:)``'s text to `output`, as UTF-8 (all of it ASCII: nothing a JSON string or an HTML
    /// attribute needs escaped), without a string of its own in between.
    public static func append(_ text: String, to output: inout [UInt8]) {
        text.withUTF8Bytes { bytes in
            let start = output.count
            output.append(contentsOf: repeatElement(0, count: bytes.count * 3))
            let written = output.withUnsafeMutableBufferPointer { encode(bytes, into: UnsafeMutableBufferPointer(rebasing: $0[start...])) }
            output.removeLast(bytes.count * 3 - written)
        }
    }

    /// Writes the encoding of `bytes` at the start of `output` (room for three bytes each); returns how many it wrote.
    private static func encode(_ bytes: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var count = 0
        for byte in bytes {
            if isUnreserved(byte) {
                output[count] = byte
                count += 1
            } else {
                output[count] = UInt8(ascii: "%")
                output[count + 1] = hexDigit(byte >> 4)
                output[count + 2] = hexDigit(byte & 0x0F)
                count += 3
            }
        }
        return count
    }

    /// An `application/x-www-form-urlencoded` body from ordered fields, each name and value encoded (OAuth 1.0a
    /// and Mastodon's form posts want exactly this encoding, a space as `%20`).
    public static func formBody(_ fields: [(name: String, value: String)]) -> String {
        fields.map { "\(encode($0.name))=\(encode($0.value))" }.joined(separator: "&")
    }

    /// The text that `encoded` stands for, or `nil` when it has a `%` not followed by two hex digits, or when
    /// the decoded bytes are not UTF-8.
    public static func decode(_ encoded: String) -> String? {
        var output: [UInt8] = []
        output.reserveCapacity(encoded.utf8.count)
        var bytes = encoded.utf8.makeIterator()
        while let byte = bytes.next() {
            guard byte == UInt8(ascii: "%") else {
                output.append(byte)
                continue
            }
            guard let high = bytes.next().flatMap(hexValue), let low = bytes.next().flatMap(hexValue) else { return nil }
            output.append(high << 4 | low)
        }
        return String(validating: output, as: UTF8.self)
    }

    /// Whether `byte` is an RFC 3986 unreserved character.
    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }

    /// The upper-case hex digit of `value` (0–15), worked out rather than read from a table: a global table cost a
    /// lazy-initialisation check at each read, a few percent of a jsonl preview's writing thread.
    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "A") + value - 10
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
