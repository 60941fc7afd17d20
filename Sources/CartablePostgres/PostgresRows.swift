import Cartable
import Foundation
import PostgresNIO

/// Times are stored as integer milliseconds since 1970 (UTC), as in the SQLite outbox.
extension Date {
    var milliseconds: Int64 { Int64((timeIntervalSince1970 * 1000).rounded(.down)) }

    init(milliseconds value: Int64) {
        self.init(timeIntervalSince1970: Double(value) / 1000)
    }
}

/// Reads a result row's cells by position.
struct PostgresCells {
    private let cells: PostgresRandomAccessRow

    init(_ row: PostgresRow) {
        cells = row.makeRandomAccess()
    }

    subscript<Value: PostgresDecodable>(_ index: Int, as type: Value.Type = Value.self) -> Value {
        get throws { try cells[index].decode(Value.self) }
    }
}

enum PostgresRows {
    /// The columns a message is read from, in the order ``message(_:)`` reads them.
    static let messageColumns = """
        id, idempotency_key, campaign_id, supporter_id, recipient_id, recipient_name, recipient_handle, channel, text, variant,
        language, state, attempts, next_attempt_at, lease_owner, lease_expires_at, last_error, post_id, post_url, created_at,
        updated_at, sent_at, reaches_recipient
        """

    /// ``messageColumns`` prefixed with a table alias.
    static func messageColumns(of alias: String) -> String {
        messageColumns.split(separator: ",").map { "\(alias).\($0.trimmingCharacters(in: .whitespacesAndNewlines))" }.joined(separator: ", ")
    }

    static func message(_ row: PostgresRow) throws -> OutboxMessage {
        let cells = PostgresCells(row)
        let entry = OutboxEntry(
            idempotencyKey: IdempotencyKey(
                campaign: try cells[2], supporter: try cells[3], recipient: try cells[4], channelName: try cells[7]),
            reachesRecipient: try cells[22], text: try cells[8], recipientName: try cells[5], recipientHandle: try cells[6],
            variant: try cells[9], language: try cells[10])
        let state: String = try cells[11]
        let leaseExpiresAt: Int64? = try cells[15]
        let sentAt: Int64? = try cells[21]
        return OutboxMessage(
            id: try cells[0], entry: entry, state: OutboxState(rawValue: state) ?? .queued, attempts: try cells[12],
            nextAttemptAt: Date(milliseconds: try cells[13]), leaseExpiresAt: leaseExpiresAt.map(Date.init(milliseconds:)),
            leaseOwner: try cells[14], lastError: try cells[16], postID: try cells[17], postURL: try cells[18],
            createdAt: Date(milliseconds: try cells[19]), updatedAt: Date(milliseconds: try cells[20]),
            sentAt: sentAt.map(Date.init(milliseconds:)))
    }
}
