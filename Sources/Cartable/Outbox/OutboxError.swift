import Foundation
import GRDB

/// Why the outbox could not be opened or written, with its location and what to do about it, in the outbox's own
/// terms: the CLI prints it as `path: error: message` and a hint, adding its own way to choose another outbox; a
/// server says it its way. Nothing already in the outbox is lost when one of these is thrown (the transaction that
/// failed is rolled back whole).
public struct OutboxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, in the terms a user can act on.
    public enum Kind: String, Sendable, Hashable {
        /// The folder or file cannot be written (permissions, read-only file system).
        case readOnly = "read-only"
        /// No space left on the device (or the file reached its size limit).
        case full
        /// The file or its folder cannot be created or opened.
        case cannotOpen = "cannot-open"
        /// Nothing is there yet, and the caller asked not to create it.
        case missing
        /// The file is not an outbox (not SQLite, or a newer schema than this version knows).
        case notAnOutbox = "not-an-outbox"
        /// Another process kept the outbox locked longer than the busy timeout.
        case busy
        /// The database server cannot be reached: down, restarting, a wrong host or port, or the network cut.
        case unreachable
        /// The database server refused the credentials (user, password, or the server's authentication rules).
        case authentication
        /// The database's schema is older than this version of Cartable: its migrations must be applied first.
        case pendingMigrations = "pending-migrations"
        /// Any other failure of the database.
        case other
    }

    /// Where the outbox is (``Outbox/location``): a file path for SQLite, a URL without its password for PostgreSQL.
    public var path: String
    /// What kind of failure, for a caller that words its own remedy (the CLI adds how to choose another outbox).
    public var kind: Kind
    /// What went wrong, in one sentence.
    public var message: String
    /// What to do about it, in the outbox's own terms.
    public var hint: String?

    /// An error about the outbox at `path`.
    public init(path: String, kind: Kind, message: String, hint: String? = nil) {
        self.path = path
        self.kind = kind
        self.message = message
        self.hint = hint
    }

    /// Whether the outbox is out of reach for a while (the database server restarting, down, or the network cut) rather
    /// than refusing the work: what a long-running sender waits out, reconnecting with backoff. A full disk, a
    /// read-only file, a refused password or a schema error are not outages: retrying would meet them again.
    public var isOutage: Bool { kind == .unreachable }

    /// `path: error: message`, then the hint on its own line.
    public var description: String {
        "\(path): error: \(message)" + (hint.map { "\n  hint: \($0)" } ?? "")
    }

    /// Classifies an error thrown while using the outbox at `path`: SQLite's codes become kinds with hints.
    public static func from(_ error: any Error, path: String, doing action: String) -> OutboxError {
        if let error = error as? OutboxError { return error }
        guard let error = error as? DatabaseError else {
            return OutboxError(path: path, kind: .other, message: "\(action): \(error)")
        }
        let folder = (path as NSString).deletingLastPathComponent
        switch error.resultCode {
        case .SQLITE_READONLY, .SQLITE_PERM:
            return OutboxError(
                path: path, kind: .readOnly, message: "\(action): the outbox cannot be written (read-only)",
                hint: "make \(folder.isEmpty ? "." : folder) writable, or choose another place for the outbox")
        case .SQLITE_FULL:
            return OutboxError(
                path: path, kind: .full, message: "\(action): no space left for the outbox (nothing was changed)",
                hint: "free some space on that disk, or move the outbox elsewhere; queued messages are still there")
        case .SQLITE_CANTOPEN:
            if !SQLiteOutbox.nearestExistingFolderIsWritable(folder) {
                return from(DatabaseError(resultCode: .SQLITE_READONLY), path: path, doing: action)
            }
            if deviceLooksFull(folder) {
                return from(DatabaseError(resultCode: .SQLITE_FULL), path: path, doing: action)
            }
            return OutboxError(
                path: path, kind: .cannotOpen, message: "\(action): cannot open the outbox file",
                hint: "check that \(folder.isEmpty ? "." : folder) exists and is writable, or choose another place for the outbox")
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            return OutboxError(
                path: path, kind: .notAnOutbox, message: "\(action): this file is not a Cartable outbox (or it is damaged)",
                hint: "name an outbox file, or a new path to start one")
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return OutboxError(
                path: path, kind: .busy, message: "\(action): the outbox stayed locked by another process",
                hint: "another cartable may be writing a large batch; try again when it is done")
        case .SQLITE_IOERR:
            // A failed write on a full disk often surfaces as an I/O error rather than SQLITE_FULL.
            if Self.deviceLooksFull(folder) {
                return from(DatabaseError(resultCode: .SQLITE_FULL), path: path, doing: action)
            }
            return OutboxError(
                path: path, kind: .other, message: "\(action): the disk refused a read or write (\(error.message ?? "I/O error"))",
                hint: "check the disk holding the outbox; nothing was changed")
        default:
            return OutboxError(path: path, kind: .other, message: "\(action): \(error.message ?? "SQLite error \(error.resultCode.rawValue)")")
        }
    }

    private static func deviceLooksFull(_ folder: String) -> Bool {
        guard let attributes = try? FileManager.default.attributesOfFileSystem(forPath: folder.isEmpty ? "." : folder),
              let free = (attributes[.systemFreeSize] as? NSNumber)?.int64Value else { return false }
        return free < 64 * 1024
    }
}
