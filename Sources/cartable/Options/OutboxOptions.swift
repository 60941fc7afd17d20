import ArgumentParser
import Cartable
import CartablePostgres
import Foundation

/// `--outbox PATH|URL`, shared by the commands that use the outbox: the flag, else `CARTABLE_OUTBOX`, else
/// `.cartable/outbox.sqlite` under the current directory. A `postgres://` or `postgresql://` URL names a shared
/// outbox on PostgreSQL; anything else is an SQLite file.
struct OutboxOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The outbox: an SQLite file, or a postgres:// URL for a shared outbox (default: $CARTABLE_OUTBOX, else .cartable/outbox.sqlite).",
        valueName: "path|url"))
    var outbox: String?

    /// The options as parsed (the flag given or not).
    init() {}

    /// An outbox named outside the flag (`outbox copy FROM TO`).
    init(outbox: String) {
        self.outbox = outbox
    }

    /// The outbox file's path.
    var path: String {
        if let outbox, !outbox.isEmpty { return outbox }
        if let fromEnvironment = ProcessInfo.processInfo.environment["CARTABLE_OUTBOX"], !fromEnvironment.isEmpty { return fromEnvironment }
        return ".cartable/outbox.sqlite"
    }

    /// Opens the outbox as `access` says; throws an ``OutboxFailure`` (report it to print `path: error: ...` with a
    /// hint, exit 2). PostgreSQL: the database must exist, and be migrated unless `requireCurrentSchema` is false
    /// (`outbox migrate`); durability is the server's (`synchronous_commit`), and `access` is the database user's.
    func open(_ access: OutboxAccess, durability: OutboxDurability = .full, requireCurrentSchema: Bool = true) throws -> any Outbox {
        do {
            if isPostgres { return try PostgresOutbox(urlText: path, requireCurrentSchema: requireCurrentSchema) }
            return try SQLiteOutbox(path: path, durability: durability, access: access)
        } catch {
            throw OutboxFailure(error)
        }
    }

    /// Whether the outbox is a PostgreSQL database.
    var isPostgres: Bool { PostgresURL.isPostgresURL(path) }

    /// The outbox as messages show it: the path, or the URL without its password.
    var shownLocation: String {
        guard isPostgres else { return path }
        return (try? PostgresURL(path).redacted) ?? "a PostgreSQL outbox"
    }

    /// Whether there may be an outbox to read: an existing file, or a database (asked when opened).
    var mayExist: Bool { isPostgres || FileManager.default.fileExists(atPath: path) }
}

extension OutboxOptions {
    /// Opens the existing outbox as `access` says and runs `body` on it (`action` names the work in errors, e.g.
    /// "cancelling messages"); an outbox error is printed with its hint and exits 2.
    func using<Result>(_ access: OutboxAccess, doing action: String, _ body: (any Outbox) async throws -> Result) async throws -> Result {
        do {
            let outbox = try open(access)
            do {
                return try await body(outbox)
            } catch {
                throw OutboxFailure(error, path: outbox.location, doing: action)
            }
        } catch let failure as OutboxFailure {
            throw failure.report()
        }
    }
}

/// An ``OutboxError`` on its way out of a command: printed compiler style, exit status 2.
struct OutboxFailure: Error {
    let error: OutboxError

    init(_ error: OutboxError) {
        self.error = error
    }

    init(_ error: any Error, path: String, doing action: String) {
        self.error = OutboxError.from(error, path: path, doing: action)
    }

    /// Prints the error and its hint on standard error and returns the exit status.
    func report() -> ExitCode {
        let colors = Terminal.colorsOnStandardError
        let label = colors ? "\u{1B}[1;31merror:\u{1B}[0m" : "error:"
        Terminal.printToStandardError("\(error.path): \(label) \(error.message)")
        if let hint { Terminal.printToStandardError("  hint: \(hint)") }
        return ExitCode(2)
    }

    /// The library's hint, with the CLI's way to choose another outbox where that is part of the remedy.
    var hint: String? {
        switch error.kind {
        case .missing:
            "queue messages first (cartable queue CAMPAIGN --via CHANNEL), or point --outbox at an existing outbox"
        case .readOnly, .full, .cannotOpen, .notAnOutbox, .unreachable, .authentication:
            error.hint.map { "\($0) (--outbox or CARTABLE_OUTBOX)" }
        case .pendingMigrations:
            "\(error.hint ?? "apply the outbox's migrations"): run cartable outbox migrate with the same --outbox (or CARTABLE_OUTBOX)"
        case .busy, .other:
            error.hint
        }
    }
}

/// `--durability full|normal` for the commands that write.
enum DurabilityOption: String, ExpressibleByArgument, CaseIterable {
    case full
    case normal

    var value: OutboxDurability { self == .full ? .full : .normal }
}
