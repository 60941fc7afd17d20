import Foundation
import GRDB

/// Keeps a campaign's per-recipient caps while a claim runs: counts what was sent (or is being sent) to each
/// recipient in the last hour and day, plus what this claim already took, and says until when a row must wait.
struct RecipientPace {
    let now: Date
    private var claimedThisRound: [String: Int] = [:]
    private var history: [String: [Date?]] = [:]

    init(now: Date) {
        self.now = now
    }

    private static func key(_ entry: OutboxEntry) -> String { entry.campaignID + "\u{0}" + entry.recipientID }

    /// `nil` when the row may go now; otherwise when a slot frees up.
    mutating func postponement(for entry: OutboxEntry, caps: RecipientCaps, _ db: Database) throws -> Date? {
        let key = Self.key(entry)
        if history[key] == nil {
            // `sent_at` is NULL for rows being sent: they count against both caps until they are recorded.
            // Rows on a channel that reaches no one (the dry run) never use up a recipient's caps.
            let since = (now - 86_400).outboxMilliseconds
            history[key] = try Row.fetchAll(
                db, sql: """
                    SELECT sent_at FROM message
                    WHERE campaign_id = ? AND recipient_id = ? AND \(OutboxSchema.paced) AND (sent_at IS NULL OR sent_at > ?)
                      AND reaches_recipient = 1
                    """,
                arguments: [entry.campaignID, entry.recipientID, since]
            ).map { ($0[0] as Int64?).map(Date.init(outboxMilliseconds:)) }
        }
        let recent = history[key] ?? []
        let extra = claimedThisRound[key, default: 0]
        let inFlight = recent.filter { $0 == nil }.count + extra
        let lastHour = recent.compactMap { $0 }.filter { $0 > now - 3600 }.sorted()
        let lastDay = recent.compactMap { $0 }.sorted()
        var until: Date?
        if lastHour.count + inFlight >= caps.perHour {
            // The oldest send of the hour frees a slot an hour after it; in-flight rows free nothing yet.
            until = lastHour.first.map { $0 + 3600 } ?? now + 60
        }
        if lastDay.count + inFlight >= caps.perDay {
            let dayFree = lastDay.first.map { $0 + 86_400 } ?? now + 60
            until = max(until ?? dayFree, dayFree)
        }
        return until
    }

    mutating func noteClaim(_ entry: OutboxEntry) {
        claimedThisRound[Self.key(entry), default: 0] += 1
    }
}
