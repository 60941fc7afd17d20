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
        var reader = Reader(bytes: bytes)
        reader.skipWhitespace()
        let text: String?
        switch reader.peek() {
        case UInt8(ascii: "\""):
            guard let string = reader.string() else { return .failure(.malformedJSON) }
            text = string
        case UInt8(ascii: "{"):
            var member: String?
            guard reader.object(text: &member) else { return .failure(.malformedJSON) }
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

    /// A cursor over the bytes of one JSON value; each method returns nil (or false) on malformed input.
    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0
        var depth = 0

        var atEnd: Bool { position == bytes.count }

        func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

        mutating func skipWhitespace() {
            while let byte = peek(), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { position += 1 }
        }

        mutating func consume(_ byte: UInt8) -> Bool {
            guard peek() == byte else { return false }
            position += 1
            return true
        }

        /// An object, checked; `text` gets the value of its last `"text"` member when that is a string.
        mutating func object(text: inout String?) -> Bool {
            guard consume(UInt8(ascii: "{")), enter() else { return false }
            defer { depth -= 1 }
            skipWhitespace()
            if consume(UInt8(ascii: "}")) { return true }
            while true {
                skipWhitespace()
                guard let key = string() else { return false }
                skipWhitespace()
                guard consume(UInt8(ascii: ":")) else { return false }
                skipWhitespace()
                if key == "text" && peek() == UInt8(ascii: "\"") {
                    guard let value = string() else { return false }
                    text = value
                } else {
                    guard skipValue() else { return false }
                    if key == "text" { text = nil }
                }
                skipWhitespace()
                if consume(UInt8(ascii: "}")) { return true }
                guard consume(UInt8(ascii: ",")) else { return false }
            }
        }

        /// One more level of nesting, refused past `maximumDepth` so that `[[[[…` cannot exhaust the stack.
        mutating func enter() -> Bool {
            depth += 1
            return depth <= Self.maximumDepth
        }

        static let maximumDepth = 512

        /// Any JSON value, checked and skipped.
        mutating func skipValue() -> Bool {
            switch peek() {
            case UInt8(ascii: "\""):
                return string() != nil
            case UInt8(ascii: "{"):
                var ignored: String?
                return object(text: &ignored)
            case UInt8(ascii: "["):
                position += 1
                guard enter() else { return false }
                defer { depth -= 1 }
                skipWhitespace()
                if consume(UInt8(ascii: "]")) { return true }
                while true {
                    skipWhitespace()
                    guard skipValue() else { return false }
                    skipWhitespace()
                    if consume(UInt8(ascii: "]")) { return true }
                    guard consume(UInt8(ascii: ",")) else { return false }
                }
            case UInt8(ascii: "t"): return literal("true")
            case UInt8(ascii: "f"): return literal("false")
            case UInt8(ascii: "n"): return literal("null")
            default: return number()
            }
        }

        mutating func literal(_ word: StaticString) -> Bool {
            let length = word.utf8CodeUnitCount
            guard position + length <= bytes.count else { return false }
            for offset in 0..<length where bytes[position + offset] != word.utf8Start[offset] { return false }
            position += length
            return true
        }

        /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
        mutating func number() -> Bool {
            _ = consume(UInt8(ascii: "-"))
            if !consume(UInt8(ascii: "0")) {
                guard digits() else { return false }
            }
            if consume(UInt8(ascii: ".")) {
                guard digits() else { return false }
            }
            if consume(UInt8(ascii: "e")) || consume(UInt8(ascii: "E")) {
                if !consume(UInt8(ascii: "+")) { _ = consume(UInt8(ascii: "-")) }
                guard digits() else { return false }
            }
            return true
        }

        mutating func digits() -> Bool {
            let start = position
            while let byte = peek(), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { position += 1 }
            return position > start
        }

        /// A string literal, escapes decoded, every other character kept as written (U+FEFF included).
        mutating func string() -> String? {
            guard consume(UInt8(ascii: "\"")) else { return nil }
            let start = position
            // The common case, no escape: the bytes themselves, already valid UTF-8.
            while let byte = peek(), byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
                guard byte >= 0x20 else { return nil }
                position += 1
            }
            guard let stop = peek() else { return nil }
            var result = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
            if stop == UInt8(ascii: "\"") {
                position += 1
                return result
            }
            var pending: [UInt8] = []
            while let byte = peek() {
                position += 1
                switch byte {
                case UInt8(ascii: "\""):
                    result += String(decoding: pending, as: UTF8.self)
                    return result
                case UInt8(ascii: "\\"):
                    guard let escaped = escape() else { return nil }
                    UTF8.encode(escaped) { pending.append($0) }
                case ..<0x20:
                    return nil
                default:
                    pending.append(byte)
                }
            }
            return nil
        }

        /// The scalar of the escape after a backslash; `\uD83D\uDE00` pairs decode to one scalar.
        mutating func escape() -> Unicode.Scalar? {
            guard let byte = peek() else { return nil }
            position += 1
            switch byte {
            case UInt8(ascii: "\""): return "\""
            case UInt8(ascii: "\\"): return "\\"
            case UInt8(ascii: "/"): return "/"
            case UInt8(ascii: "b"): return "\u{08}"
            case UInt8(ascii: "f"): return "\u{0C}"
            case UInt8(ascii: "n"): return "\n"
            case UInt8(ascii: "r"): return "\r"
            case UInt8(ascii: "t"): return "\t"
            case UInt8(ascii: "u"):
                guard let unit = hexUnit() else { return nil }
                switch unit {
                case 0xD800...0xDBFF:
                    guard consume(UInt8(ascii: "\\")), consume(UInt8(ascii: "u")), let low = hexUnit(),
                        (0xDC00...0xDFFF).contains(low)
                    else { return nil }
                    return Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
                case 0xDC00...0xDFFF:
                    return nil
                default:
                    return Unicode.Scalar(unit)
                }
            default:
                return nil
            }
        }

        /// Four hex digits.
        mutating func hexUnit() -> UInt32? {
            guard position + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[position]
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: return nil
                }
                value = value << 4 | UInt32(digit)
                position += 1
            }
            return value
        }
    }
}
