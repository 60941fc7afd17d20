/// A credential (token, password, signing key) that prints as `<redacted>` everywhere: `print`, string
/// interpolation, `dump`, `debugPrint` and mirrors. Only ``reveal()`` gives the value, to put it on the wire.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private let value: String

    /// Wraps a credential.
    public init(_ value: String) {
        self.value = value
    }

    /// The credential itself. Use it only to build a request or a signature; never log it or put it in a message.
    public func reveal() -> String {
        value
    }

    /// Replaces every occurrence of the credential in `text` with `<redacted>`: a last guard for messages built
    /// from a server's answer, in case a server echoes what it received.
    public func redact(in text: String) -> String {
        guard value.count >= 4 else { return text }  // a 1-3 character "secret" would mangle ordinary words
        return text.replacingOccurrences(of: value, with: "<redacted>")
    }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}

extension String {
    /// `self` with every given secret replaced by `<redacted>`.
    func redacting(_ secrets: [Secret]) -> String {
        secrets.reduce(self) { $1.redact(in: $0) }
    }

    // Foundation's replacingOccurrences without importing Foundation into every caller.
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
