/// A few named members of a small JSON object, read by the parser of ``JSONLineText`` rather than Foundation's
/// `JSONDecoder`: for a request body read thousands of times a second (the supporters' page's measure call,
/// `{"text": "…", "profile": "…"}`), where the decoder's machinery cost more than the measuring.
///
/// ```swift
/// JSONObjectFields.read(["text", "profile"], fromUTF8: bytes)  // .success(["text": .string("Bonjour"), "profile": .null])
/// ```
public enum JSONObjectFields {
    /// A member's value, as far as a reader of strings needs to know it.
    public enum Value: Sendable, Equatable {
        case string(String)
        case null
        /// A number, a boolean, an object or an array.
        case other
    }

    /// Why the bytes were not read.
    public enum Problem: Error, Sendable, Equatable {
        /// Not UTF-8, or not JSON (a lone surrogate escape included).
        case malformedJSON
        /// JSON, but not an object.
        case notAnObject
    }

    /// The members of the object `bytes` named in `names` (the last one of each, as `JSONDecoder` keeps it; other
    /// members are checked and skipped), with white space around the object allowed.
    public static func read(_ names: Set<String>, fromUTF8 bytes: UnsafeBufferPointer<UInt8>) -> Result<[String: Value], Problem> {
        guard UTF8Validation.isValid(bytes) else { return .failure(.malformedJSON) }
        var reader = JSONReader(bytes: bytes)
        reader.skipWhitespace()
        var values: [String: Value] = [:]
        if reader.peek() == UInt8(ascii: "{") {
            let read = reader.object { key, value in
                guard names.contains(key) else { return nil }
                switch value.peek() {
                case UInt8(ascii: "\""):
                    guard let string = value.string() else { return false }
                    values[key] = .string(string)
                    return true
                case UInt8(ascii: "n"):
                    values[key] = .null
                    return value.literal("null")
                default:
                    values[key] = .other
                    return value.skipValue()
                }
            }
            guard read else { return .failure(.malformedJSON) }
        } else {
            guard reader.skipValue() else { return .failure(.malformedJSON) }
            reader.skipWhitespace()
            return reader.atEnd ? .failure(.notAnObject) : .failure(.malformedJSON)
        }
        reader.skipWhitespace()
        guard reader.atEnd else { return .failure(.malformedJSON) }
        return .success(values)
    }
}
