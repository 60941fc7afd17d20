import Foundation

/// Turns one input line of `cartable count` into the text to measure.
public enum CountInput {
    /// Why a line could not be read; `description` says how to fix the input.
    public enum Problem: Error, Sendable, Hashable, CustomStringConvertible {
        /// The line is not UTF-8.
        case invalidUTF8
        /// The line is not JSON, or JSON of another kind than a string or an object.
        case malformedJSON
        /// The line is a JSON object without a `"text"` string.
        case noTextField

        public var description: String {
            switch self {
            case .invalidUTF8: "invalid UTF-8; convert the file to UTF-8 (e.g. iconv -f WINDOWS-1252 -t UTF-8)"
            case .malformedJSON: #"malformed JSON; each line must be a JSON string or an object with a "text" string"#
            case .noTextField: #"the JSON object has no "text" string; write {"text": "..."} or a JSON string"#
            }
        }
    }

    /// The text of one line (without its line ending): the line itself, which must be UTF-8, or with `isJSONLine`
    /// a JSON string or an object's `"text"` string.
    public static func text(from bytes: UnsafeBufferPointer<UInt8>, isJSONLine: Bool) -> Result<String, Problem> {
        guard let line = String(validating: bytes, as: UTF8.self) else { return .failure(.invalidUTF8) }
        guard isJSONLine else { return .success(line) }
        guard let value = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) else {
            return .failure(.malformedJSON)
        }
        if let text = value as? String { return .success(text) }
        if let object = value as? [String: Any] {
            guard let text = object["text"] as? String else { return .failure(.noTextField) }
            return .success(text)
        }
        return .failure(.malformedJSON)
    }
}
