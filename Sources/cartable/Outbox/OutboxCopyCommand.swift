import ArgumentParser
import Cartable
import CartablePostgres
import Foundation

/// `cartable outbox copy FROM TO`: move an outbox between SQLite and PostgreSQL.
struct OutboxCopyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy every message of one outbox into another (SQLite and PostgreSQL, either way), merging by key.",
        discussion: """
            Keeps each message's state, attempts, idempotency key, lease, timestamps and attempt log, and each \
            campaign's pace. A key the destination already has is left as it is there: running the copy twice \
            changes nothing, and copying into an outbox with other messages adds only the new ones. Copy while no \
            `cartable send` runs on FROM (a message sent meanwhile would be copied as it was when read).

            FROM and TO are SQLite files or postgres:// URLs (the password from the URL, PGPASSWORD or ~/.pgpass). \
            A missing SQLite TO is created; a PostgreSQL TO must be migrated first (cartable outbox migrate).

            Exit status: 0 copied, 2 bad usage or an unusable outbox (nothing half-copied: each batch is one \
            transaction, and running the copy again finishes it).
            """
    )

    @Argument(help: ArgumentHelp("The outbox to copy from: an SQLite file or a postgres:// URL.", valueName: "from"))
    var from: String

    @Argument(help: ArgumentHelp("The outbox to copy into: an SQLite file or a postgres:// URL.", valueName: "to"))
    var to: String

    func validate() throws {
        guard from != to else { throw ValidationError("FROM and TO are the same outbox") }
    }

    func run() async throws {
        let source = OutboxOptions(outbox: from), destination = OutboxOptions(outbox: to)
        let result: OutboxCopy.Result
        do {
            let reading = try source.open(.readOnly)
            let writing = try destination.open(.createIfMissing)
            guard let reading = reading as? any TransferableOutbox, let writing = writing as? any TransferableOutbox else {
                Terminal.printError("these outboxes cannot be copied")
                throw ExitCode(2)
            }
            do {
                result = try await OutboxCopy.run(from: reading, to: writing)
            } catch {
                throw OutboxFailure(error, path: writing.location, doing: "copying the outbox")
            }
        } catch let failure as OutboxFailure {
            throw failure.report()
        }
        print("copied \(result.added) message\(result.added == 1 ? "" : "s") from \(source.shownLocation) to \(destination.shownLocation), "
            + "\(result.alreadyThere) already there; \(result.campaignsAdded) campaign\(result.campaignsAdded == 1 ? "" : "s") added, "
            + "\(result.pausesAdded) pause\(result.pausesAdded == 1 ? "" : "s") added")
    }
}
