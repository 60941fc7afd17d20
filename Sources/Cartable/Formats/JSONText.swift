/// Cartable's JSON writer, for output written a million times (previews, request bodies, `count`'s lines): a string
/// literal, `null`, a boolean, an object from written members, an array from written elements.
///
/// Strings are escaped as RFC 8259 requires (`"`, `\`, control characters), and U+2028 and U+2029 too, so that the
/// output is also valid JavaScript (an HTML report may embed it); everything else, non-ASCII included, is written
/// as UTF-8.
public enum JSONText {
    /// `text` as a JSON string literal.
    public static func string(_ text: String) -> String {
        var needsEscaping = false
        // U+2028 and U+2029 are E2 80 A8 and E2 80 A9: checked on their last byte, so that French punctuation in the
        // same block (’ … «) keeps the fast path.
        var lastTwo: (UInt8, UInt8) = (0, 0)
        for byte in text.utf8 {
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
                || ((byte == 0xA8 || byte == 0xA9) && lastTwo == (0xE2, 0x80)) {
                needsEscaping = true
                break
            }
            lastTwo = (lastTwo.1, byte)
        }
        guard needsEscaping else { return "\"" + text + "\"" }
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case "\u{2028}": output += "\\u2028"
            case "\u{2029}": output += "\\u2029"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        return output + "\""
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
