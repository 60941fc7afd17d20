/// Cartable's JSON writer, for output written a million times (previews, request bodies, `count`'s lines): a string
/// literal, `null`, a boolean, an object from written members, an array from written elements.
///
/// Strings are escaped as RFC 8259 requires (`"`, `\`, control characters), and U+2028 and U+2029 too, so that the
/// output is also valid JavaScript (an HTML report may embed it); everything else, non-ASCII included, is written
/// as UTF-8.
public enum JSONText {
    /// `text` as a JSON string literal.
    public static func string(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 2)
        appendString(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `text` as a JSON string literal to `output`, as UTF-8, without a string of its own in between: what a
    /// writer of millions of lines calls.
    public static func appendString(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        appendEscaped(text, to: &output)
        output.append(UInt8(ascii: "\""))
    }

    /// Appends `text` escaped as inside a JSON string literal, without the quotes: for a literal written in pieces
    /// (escaping one character never depends on its neighbours, so the pieces escaped one by one make the whole).
    public static func appendEscaped(_ text: String, to output: inout [UInt8]) {
        guard needsEscaping(text) else {
            output.append(contentsOf: text.utf8)
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output.append(contentsOf: #"\""#.utf8)
            case "\\": output.append(contentsOf: #"\\"#.utf8)
            case "\n": output.append(contentsOf: #"\n"#.utf8)
            case "\r": output.append(contentsOf: #"\r"#.utf8)
            case "\t": output.append(contentsOf: #"\t"#.utf8)
            case "\u{08}": output.append(contentsOf: #"\b"#.utf8)
            case "\u{0C}": output.append(contentsOf: #"\f"#.utf8)
            case "\u{2028}": output.append(contentsOf: #"\u2028"#.utf8)
            case "\u{2029}": output.append(contentsOf: #"\u2029"#.utf8)
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output.append(contentsOf: (#"\u"# + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
            default:
                UTF8.encode(scalar) { output.append($0) }
            }
        }
    }

    /// Appends `text` as a JSON string literal, or `null`.
    public static func appendString(_ text: String?, to output: inout [UInt8]) {
        if let text { appendString(text, to: &output) } else { output.append(contentsOf: "null".utf8) }
    }

    /// Whether `text` holds what JSON (or JavaScript) must have escaped: a control character, `"`, `\`, U+2028 or
    /// U+2029 (E2 80 A8, E2 80 A9: French punctuation in the same block, ’ … «, keeps the fast path). ASCII is looked
    /// at eight bytes at a time, since a batch's texts and links are mostly ASCII.
    private static func needsEscaping(_ text: String) -> Bool {
        return text.withUTF8Bytes { bytes in
            let count = bytes.count
            guard let base = bytes.baseAddress else { return false }
            var index = 0
            while index < count {
                // Eight ASCII bytes at a time: none below 0x20, none a quote or a backslash.
                if index + 8 <= count {
                    let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                    if word & highBits == 0 {
                        if !hasByte(below: 0x20, in: word) && !hasByte(0x22, in: word) && !hasByte(0x5C, in: word) {
                            index += 8
                            continue
                        }
                        return true
                    }
                }
                let byte = base[index]
                if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return true }
                if byte == 0xE2, index + 2 < count, base[index + 1] == 0x80, base[index + 2] == 0xA8 || base[index + 2] == 0xA9 {
                    return true
                }
                index += 1
            }
            return false
        }
    }

    private static let lowBits: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// Whether a byte of `word` (every byte below 0x80) is below `limit` (at most 0x80).
    @inline(__always)
    private static func hasByte(below limit: UInt8, in word: UInt64) -> Bool {
        (word &- lowBits &* UInt64(limit)) & ~word & highBits != 0
    }

    /// Whether a byte of `word` (every byte below 0x80) is `value`.
    @inline(__always)
    private static func hasByte(_ value: UInt8, in word: UInt64) -> Bool {
        hasByte(below: 1, in: word ^ (lowBits &* UInt64(value)))
    }

    /// `text` as a JSON string literal, or `null`.
    public static func string(_ text: String?) -> String {
        text.map { string($0) } ?? "null"
    }

    /// `true` or `false`.
    public static func bool(_ value: Bool) -> String {
        value ? "true" : "false"
    }

    /// An object from keys and already-written values, in order.
    public static func object(_ members: [(String, String)]) -> String {
        "{" + members.map { string($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }

    /// An array from already-written elements, in order.
    public static func array(_ elements: [String]) -> String {
        "[" + elements.joined(separator: ",") + "]"
    }
}
