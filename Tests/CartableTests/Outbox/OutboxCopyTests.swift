import Foundation
import Testing
@testable import Cartable
@testable import CartablePostgres

@Suite("Outbox copy")
struct OutboxCopyTests {
    let now = Date(timeIntervalSince1970: 1_700_000_000.123)

    /// An outbox with a row in every state, attempt logs, a lease and a campaign's pacing.
    func fill(_ outbox: any InspectableOutbox) async throws {
        let limits = SendingLimits(perRecipientPerHour: 2, perRecipientPerDay: 5, from: "08:30", to: "19:00", timeZone: "Europe/Paris",
                                   windowStart: "2026-01-01", windowEnd: nil)
        _ = try outbox.enqueue(entries(6) + entries(1, channel: .dryRun), pacing: CampaignPacing(campaignID: "c", limits: limits), now: now)
        let rows = try await outbox.claimDue(limit: 5, filter: ClaimFilter(), owner: .test("a"), leaseDuration: 60, now: now + 1)
        try await outbox.record([
            RecordedTransition(messageID: rows[0].id, transition: .sent(postID: "p1", postURL: "https://example.org/p1", duplicate: false, detail: nil), startedAt: now + 1),
            RecordedTransition(messageID: rows[1].id, transition: .retry(at: now + 90, error: "HTTP 503", countsAsAttempt: true, outcome: .transient), startedAt: now + 1),
            RecordedTransition(messageID: rows[2].id, transition: .dead(reason: "HTTP 422: bad text", outcome: .permanent), startedAt: now + 1),
        ], owner: .test("a"), now: now + 2.5)
        // rows[3] and rows[4] stay `sending` under a's lease; one more is cancelled.
        _ = try await outbox.cancel(OutboxSelection(recipientID: "r5"), now: now + 3)
        // Campaign c is paused (its waiting rows stay held in the copy too).
        #expect(try await outbox.pause(campaignID: "c", now: now + 4) == .changed)
    }

    /// What must survive a copy: everything but the row ids.
    func comparable(_ rows: [OutboxMessage]) -> [OutboxMessage] {
        rows.map { row in
            var row = row
            row.id = 0
            return row
        }.sorted { $0.entry.idempotencyKey.rawValue < $1.entry.idempotencyKey.rawValue }
    }

    func attemptLogs(_ outbox: any InspectableOutbox) async throws -> [String: [String]] {
        var logs: [String: [String]] = [:]
        for row in try await outbox.allMessages() {
            logs[row.entry.idempotencyKey.rawValue] = try await outbox.attempts(messageID: row.id).map { "\($0.number) \($0.outcome) \($0.detail ?? "-")" }
        }
        return logs
    }

    @Test("copied both ways, rows keep states, attempts, keys, leases, times and logs; twice changes nothing; other rows merge by key",
          arguments: OutboxBackend.testedHere.flatMap { from in OutboxBackend.testedHere.map { (from, $0) } })
    func copyKeepsEverything(from: OutboxBackend, to: OutboxBackend) async throws {
        let source = try await BackendOutbox(from)
        let destination = try await BackendOutbox(to)
        defer {
            source.cleanUp()
            destination.cleanUp()
        }
        try await fill(source.outbox)
        // The destination already has one of the keys (in another state) and a row of its own, in a campaign paused there.
        _ = try destination.outbox.enqueue(entries(1, from: 2) + entries(1, campaign: "other"), pacing: nil, now: now)
        #expect(try await destination.outbox.pause(campaignID: "other", now: now + 9) == .changed)
        let copy = try await OutboxCopy.run(from: source.outbox as! any TransferableOutbox, to: destination.outbox as! any TransferableOutbox, batchSize: 3)
        #expect(copy.read == 7 && copy.added == 6 && copy.alreadyThere == 1 && copy.campaignsAdded == 1 && copy.pausesAdded == 1)
        #expect(try await destination.outbox.pausedCampaigns().map { "\($0.campaignID) \($0.pausedAt.exactOutboxMilliseconds)" }
            == ["c \((now + 4).exactOutboxMilliseconds)", "other \((now + 9).exactOutboxMilliseconds)"], "the pause copied with its time, the destination's kept")
        let held = try await destination.outbox.claimDue(limit: 100, filter: ClaimFilter(), owner: .test("b"), leaseDuration: 60, now: now + 1_000)
        #expect(held.isEmpty, "the copied campaign's rows are held by its pause in the destination: \(held.map(\.entry.idempotencyKey.rawValue))")

        let copied = try await destination.outbox.allMessages()
        let original = try await source.outbox.allMessages()
        let kept = try #require(copied.first { $0.entry.idempotencyKey.rawValue == "c/organiser/r2/webhook" })
        #expect(kept.state == .queued, "a key already there is left as it is")
        #expect(copied.contains { $0.entry.campaignID == "other" })
        let sourceWithoutKept = original.filter { $0.entry.idempotencyKey != kept.entry.idempotencyKey }
        let copiedFromSource = copied.filter { row in sourceWithoutKept.contains { $0.entry.idempotencyKey == row.entry.idempotencyKey } }
        #expect(comparable(copiedFromSource) == comparable(sourceWithoutKept))
        #expect(Set(copied.map(\.state)) == [.sent, .retrying, .sending, .queued, .cancelled])
        let sourceLogs = try await attemptLogs(source.outbox), copiedLogs = try await attemptLogs(destination.outbox)
        for key in copiedFromSource.map(\.entry.idempotencyKey.rawValue) { #expect(copiedLogs[key] == sourceLogs[key], "\(key)") }
        #expect(try await destination.outbox.pacing() == source.outbox.pacing())

        let again = try await OutboxCopy.run(from: source.outbox as! any TransferableOutbox, to: destination.outbox as! any TransferableOutbox)
        #expect(again.added == 0 && again.alreadyThere == 7 && again.campaignsAdded == 0 && again.pausesAdded == 0)
        #expect(try await destination.outbox.allMessages() == copied)
        #expect(try await destination.outbox.pausedCampaigns().map(\.campaignID) == ["c", "other"])
    }
}
