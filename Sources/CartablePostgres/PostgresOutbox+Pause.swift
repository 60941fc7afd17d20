import Cartable
import Foundation
import PostgresNIO

/// Pausing and resuming a campaign's sending: a row in `paused_campaign` that every claim checks.
extension PostgresOutbox {
    @discardableResult
    public func pause(campaignID: String, now: Date) async throws -> PauseChange {
        var insert = PostgresStatement()
        let campaign = insert.bind(campaignID), stamp = insert.bind(now.milliseconds), rows = Self.inCampaign(campaignID, &insert)
        // Only a campaign the outbox knows; two pauses at once: the second finds the row and changes nothing.
        insert.append("""
            INSERT INTO paused_campaign (campaign_id, paused_at)
            SELECT \(campaign), \(stamp)
            WHERE EXISTS (SELECT 1 FROM message WHERE \(rows)) OR EXISTS (SELECT 1 FROM campaign WHERE id = \(campaign))
            ON CONFLICT (campaign_id) DO NOTHING
            """)
        return try await translatingErrors("pausing the campaign") {
            try await connections.transaction { session in
                if try await session.run(insert).metadata.rows ?? 0 > 0 { return .changed }
                return try await Self.isPaused(campaignID, session) ? .unchanged : .unknownCampaign
            }
        }
    }

    @discardableResult
    public func resume(campaignID: String) async throws -> PauseChange {
        var delete = PostgresStatement()
        let deleted = delete.bind(campaignID)
        delete.append("DELETE FROM paused_campaign WHERE campaign_id = \(deleted)")
        var known = PostgresStatement()
        let campaign = known.bind(campaignID), rows = Self.inCampaign(campaignID, &known)
        known.append("SELECT EXISTS (SELECT 1 FROM message WHERE \(rows)) OR EXISTS (SELECT 1 FROM campaign WHERE id = \(campaign))")
        return try await translatingErrors("resuming the campaign") {
            try await connections.transaction { session in
                if try await session.run(delete).metadata.rows ?? 0 > 0 {
                    // Idle senders wake as for newly queued rows: the campaign's rows are theirs to claim again.
                    try await session.run(Self.notification)
                    return .changed
                }
                let knows = try await session.run(known).rows.first.map { try PostgresCells($0)[0, as: Bool.self] } ?? false
                return knows ? .unchanged : .unknownCampaign
            }
        }
    }

    public func pausedCampaigns() async throws -> [PausedCampaign] {
        try await translatingErrors("reading the outbox") {
            try await connections.transaction { session in try await Self.pausedCampaigns(session) }
        }
    }

    /// Each paused campaign with its waiting rows, found through the range of their keys (the campaign's id escaped
    /// as ``IdempotencyKey`` escapes a part: `%` then `/`).
    static func pausedCampaigns(_ session: PostgresSession) async throws -> [PausedCampaign] {
        try await session.run("""
            SELECT p.campaign_id, p.paused_at,
                   (SELECT count(*) FROM message m
                    WHERE m.idempotency_key >= k.part || '/' AND m.idempotency_key < k.part || '0'
                      AND m.campaign_id = p.campaign_id AND m.state IN ('queued', 'retrying'))
            FROM paused_campaign p, LATERAL (SELECT replace(replace(p.campaign_id, '%', '%25'), '/', '%2F') AS part) k
            ORDER BY p.campaign_id
            """).rows.map { row in
            let cells = PostgresCells(row)
            return PausedCampaign(campaignID: try cells[0], pausedAt: Date(milliseconds: try cells[1]), waiting: Int(try cells[2, as: Int64.self]))
        }
    }

    static func isPaused(_ campaignID: String, _ session: PostgresSession) async throws -> Bool {
        var statement = PostgresStatement()
        let campaign = statement.bind(campaignID)
        statement.append("SELECT EXISTS (SELECT 1 FROM paused_campaign WHERE campaign_id = \(campaign))")
        return try await session.run(statement).rows.first.map { try PostgresCells($0)[0, as: Bool.self] } ?? false
    }
}
