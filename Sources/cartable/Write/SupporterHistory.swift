import Cartable
import Foundation

/// What the outbox knows when `write` starts: each deputy's load in the campaign, and whom this supporter already
/// wrote to. Empty when there is no outbox yet (a first `--via intent`).
struct SupporterHistory {
    var loads: [String: RecipientLoad] = [:]
    var written: Set<String> = []
    var now: Date

    static func read(_ outbox: SQLiteOutbox?, campaignID: String, supporterID: SupporterID, now: Date = Date()) async throws -> SupporterHistory {
        guard let outbox else { return SupporterHistory(now: now) }
        do {
            return SupporterHistory(
                loads: try await outbox.recipientLoads(campaignID: campaignID, now: now),
                written: try await outbox.recipientsWritten(campaignID: campaignID, supporterID: supporterID.rawValue),
                now: now)
        } catch {
            throw OutboxFailure(error, path: outbox.path, doing: "reading the outbox").report()
        }
    }
}
