/// A recipient file that could not be read at all.
public struct RecipientListError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file, as the user named it.
    public var path: String
    /// Why it could not be read.
    public var reason: String

    /// The file at `path` could not be read, because of `reason` ("does not exist", "cannot be read").
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// `path: error: reason`.
    public var description: String { "\(path): error: \(reason)" }

    /// The error as a diagnostic.
    public var diagnostic: Diagnostic { Diagnostic(.error, file: path, message: reason) }
}
