/// A credential (token, password, signing key) that prints as `<redacted>` everywhere: `print`, string
/// interpolation, `dump`, `debugPrint` and mirrors. Only ``reveal()`` gives the value, to put it on the wire.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private let value: String

    /// Keeps `value` as it is (nothing trimmed or checked), hidden from every printed form.
    public init(_ value: String) {
        self.value = value
    }

    /// The credential itself. Use it only to build a request or a signature; never log it or put it in a message.
    public func reveal() -> String {
        value
    }

    /// Replaces every occurrence of the credential in `text`, in any form it may have been sent in, with
    /// `<redacted>`: a last guard for messages built from a server's answer, in case a server echoes what it received.
    /// See ``Redaction``.
    public func redact(in text: String) -> String {
        Redaction([self]).hide(in: text)
    }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
