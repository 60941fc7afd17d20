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
        /// The line is longer than `maximum` bytes; it was skipped without being kept.
        case tooLong(maximum: Int)

        public var description: String {
            switch self {
            case .invalidUTF8: "invalid UTF-8; convert the file to UTF-8 (e.g. iconv -f WINDOWS-1252 -t UTF-8)"
            case .malformedJSON: #"malformed JSON; each line must be a JSON string or an object with a "text" string"#
            case .noTextField: #"the JSON object has no "text" string; write {"text": "..."} or a JSON string"#
            case .tooLong(let maximum): "the line is longer than \(maximum / 1024) KiB, the most count reads; split it, or check that this is a text file"
            }
        }
    }

    /// The text of one line (without its line ending): the line itself, which must be UTF-8, or with `isJSONLine`
    /// a JSON string or an object's `"text"` string. A byte order mark is dropped only where it is one: at the start
    /// of a file (`startsFile`); anywhere else U+FEFF is a character, which twitter-text counts as invalid.
    public static func text(from rawLine: UnsafeBufferPointer<UInt8>, isJSONLine: Bool, startsFile: Bool) -> Result<String, Problem> {
        var bytes = rawLine
        if startsFile, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = UnsafeBufferPointer(rebasing: bytes[3...]) }
        guard let line = String(validating: bytes, as: UTF8.self) else { return .failure(.invalidUTF8) }
        guard isJSONLine else { return .success(line) }
        // Not JSONSerialization: it drops a U+FEFF that starts a string, which twitter-text counts.
        switch JSONLineText.text(fromUTF8: bytes) {
        case .success(let text): return .success(text)
        case .failure(.malformedJSON): return .failure(.malformedJSON)
        case .failure(.noTextField): return .failure(.noTextField)
        }
    }
}
