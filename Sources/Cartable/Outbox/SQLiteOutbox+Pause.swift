import Foundation
import GRDB

/// Pausing and resuming a campaign's sending: a row in `paused_campaign` that every claim checks.
extension SQLiteOutbox {
    @discardableResult
    public func pause(campaignID: String, now: Date) async throws -> PauseChange {
        try await translatingErrors("pausing the campaign") {
            try await database.write { db in
                if try Self.isPaused(campaignID, db) { return .unchanged }
                guard try Self.knows(campaignID, db) else { return .unknownCampaign }
                try db.execute(sql: "INSERT INTO paused_campaign (campaign_id, paused_at) VALUES (?, ?)",
                               arguments: [campaignID, now.outboxMilliseconds])
                return .changed
            }
        }
    }

    @discardableResult
    public func resume(campaignID: String) async throws -> PauseChange {
        try await translatingErrors("resuming the campaign") {
            try await database.write { db in
                try db.execute(sql: "DELETE FROM paused_campaign WHERE campaign_id = ?", arguments: [campaignID])
                if db.changesCount > 0 { return .changed }
                return try Self.knows(campaignID, db) ? .unchanged : .unknownCampaign
            }
        }
    }

    public func pausedCampaigns() async throws -> [PausedCampaign] {
        try await translatingErrors("reading the outbox") {
            try await database.read { db in try Self.pausedCampaigns(db) }
        }
    }

    static func pausedCampaigns(_ db: Database) throws -> [PausedCampaign] {
        try Row.fetchAll(db, sql: """
            SELECT p.campaign_id, p.paused_at,
                   (SELECT COUNT(*) FROM message m WHERE m.campaign_id = p.campaign_id AND m.state IN ('queued', 'retrying'))
            FROM paused_campaign p ORDER BY p.campaign_id
            """).map { row in
            PausedCampaign(campaignID: row[0], pausedAt: Date(outboxMilliseconds: row[1]), waiting: row[2])
        }
    }

    static func isPaused(_ campaignID: String, _ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM paused_campaign WHERE campaign_id = ?)", arguments: [campaignID]) ?? false
    }

    /// Whether the outbox has a row or the pacing of `campaignID`.
    private static func knows(_ campaignID: String, _ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM message WHERE campaign_id = ?) OR EXISTS (SELECT 1 FROM campaign WHERE id = ?)
            """, arguments: [campaignID, campaignID]) ?? false
    }
}
