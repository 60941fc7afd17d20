/// The text of one JSON-lines record: a JSON string, or an object whose `"text"` member is one.
///
/// ```swift
/// JSONLineText.text(from: #"{"text":"ligne un\nligne deux","id":7}"#)  // .success("ligne un\nligne deux")
/// ```
///
/// The line is read exactly as RFC 8259 says, by this small parser rather than Foundation's
/// `JSONSerialization`, which drops U+FEFF at the start of a string (it takes the character for a
/// byte order mark). Inside a JSON value U+FEFF is text, and twitter-text counts it as an invalid
/// character, so it must reach the counter.
public enum JSONLineText {
    /// Why a line has no text.
    public enum Problem: Error, Sendable, Equatable {
        /// Not one JSON string or object (with optional whitespace around it), or a lone surrogate escape.
        case malformedJSON
        /// A JSON object without a `"text"` string.
        case noTextField
    }

    /// The text of the line `bytes` (UTF-8, without its line break; an invalid sequence reads as U+FFFD).
    public static func text(fromUTF8 bytes: UnsafeBufferPointer<UInt8>) -> Result<String, Problem> {
        var reader = JSONReader(bytes: bytes)
        reader.skipWhitespace()
        let text: String?
        switch reader.peek() {
        case UInt8(ascii: "\""):
            guard let string = reader.string() else { return .failure(.malformedJSON) }
            text = string
        case UInt8(ascii: "{"):
            // The last `"text"` member counts, when it is a string.
            var member: String?
            let read = reader.object { key, value in
                guard key == "text" else { return nil }
                guard value.peek() == UInt8(ascii: "\"") else {
                    member = nil
                    return nil
                }
                member = value.string()
                return member != nil
            }
            guard read else { return .failure(.malformedJSON) }
            text = member
        default:
            return .failure(.malformedJSON)
        }
        reader.skipWhitespace()
        guard reader.atEnd else { return .failure(.malformedJSON) }
        return text.map { .success($0) } ?? .failure(.noTextField)
    }

    /// The same as `text(fromUTF8:)`, for a line already in a `String`.
    public static func text(from line: String) -> Result<String, Problem> {
        var line = line
        return line.withUTF8 { text(fromUTF8: $0) }
    }
}
