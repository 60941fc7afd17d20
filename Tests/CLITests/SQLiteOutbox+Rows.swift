import GRDB
@testable import Cartable

/// Every row of an outbox a command wrote, in id order: what the tests check beyond the commands' output.
extension SQLiteOutbox {
    func allMessages() async throws -> [OutboxMessage] {
        try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.messageColumns) FROM message ORDER BY id").map(Self.message)
        }
    }
}
