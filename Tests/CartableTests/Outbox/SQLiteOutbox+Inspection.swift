import GRDB
@testable import Cartable

/// What tests read of an outbox beyond its API: every row, and a row's attempt log.
extension SQLiteOutbox {
    /// Every row, in id order.
    func allMessages() async throws -> [OutboxMessage] {
        try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.messageColumns) FROM message ORDER BY id").map(Self.message)
        }
    }

    /// The attempt log of one row: number, outcome and detail of each attempt, in order.
    func attempts(messageID: Int64) async throws -> [(number: Int, outcome: String, detail: String?)] {
        try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT number, outcome, detail FROM attempt WHERE message_id = ? ORDER BY id", arguments: [messageID])
                .map { (number: $0[0], outcome: $0[1], detail: $0[2]) }
        }
    }
}
