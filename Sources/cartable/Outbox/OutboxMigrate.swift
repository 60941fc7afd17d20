import ArgumentParser
import Cartable
import CartablePostgres
import Foundation

/// `cartable outbox migrate`: bring the outbox's schema up to this version of Cartable.
struct OutboxMigrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply the outbox's pending schema migrations (creating its tables in an empty database).",
        discussion: """
            PostgreSQL: every other command refuses a database with a migration pending and names this command; \
            run it once per upgrade of Cartable, from one machine (two at once take turns). The migrations run in \
            one transaction: on failure the schema stays as it was. The database itself must exist (createdb).

            SQLite: the file is created if missing and migrated, as any command that writes does when it opens it.

            Exit status: 0 migrated or already up to date, 2 unusable outbox (unreachable, refused, newer schema).
            """
    )

    @OptionGroup var outboxOptions: OutboxOptions

    func run() async throws {
        let location = outboxOptions.shownLocation
        let applied: [Int]
        do {
            let outbox = try outboxOptions.open(.readWrite, requireCurrentSchema: false)
            guard let postgres = outbox as? PostgresOutbox else {
                print("outbox \(location): schema up to date (SQLite outboxes migrate as they are opened)")
                return
            }
            do {
                applied = try await postgres.migrate()
            } catch {
                throw OutboxFailure(error, path: outbox.location, doing: "migrating the outbox")
            }
        } catch let failure as OutboxFailure {
            throw failure.report()
        }
        if applied.isEmpty {
            print("outbox \(location): schema up to date, nothing to apply")
        } else {
            print("outbox \(location): applied migration\(applied.count == 1 ? "" : "s") \(applied.map(String.init).joined(separator: ", "))")
        }
    }
}
