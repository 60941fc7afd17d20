import Foundation
@testable import Cartable

/// An ``Outbox`` that passes every call to a real one and counts the calls, so a test can see how often a waiting
/// dispatcher reads the outbox.
final class CountingOutbox: Outbox, @unchecked Sendable {
    private let base: any Outbox
    private let lock = NSLock()
    private var counts: [String: Int] = [:]

    init(wrapping base: any Outbox) { self.base = base }

    /// Calls per method name (`claimDue`, `backlog`, …).
    var calls: [String: Int] { lock.withLock { counts } }
    /// Every call counted.
    var total: Int { calls.values.reduce(0, +) }

    private func count(_ name: String) { lock.withLock { counts[name, default: 0] += 1 } }

    var location: String { base.location }

    func enqueue<Entries: Sequence<OutboxEntry>>(_ entries: Entries, pacing: CampaignPacing?, now: Date) throws -> EnqueueResult {
        count("enqueue")
        return try base.enqueue(entries, pacing: pacing, now: now)
    }

    func claimDue(limit: Int, filter: ClaimFilter, owner: LeaseOwner, leaseDuration: TimeInterval, now: Date) async throws -> [OutboxMessage] {
        count("claimDue")
        return try await base.claimDue(limit: limit, filter: filter, owner: owner, leaseDuration: leaseDuration, now: now)
    }

    func record(_ transitions: [RecordedTransition], owner: LeaseOwner, now: Date) async throws -> Int {
        count("record")
        return try await base.record(transitions, owner: owner, now: now)
    }

    func recoverExpiredLeases(now: Date, maxAttempts: Int, sparing: LeaseOwner?) async throws -> Int {
        count("recoverExpiredLeases")
        return try await base.recoverExpiredLeases(now: now, maxAttempts: maxAttempts, sparing: sparing)
    }

    func renewLeases(owner: LeaseOwner, leaseDuration: TimeInterval, now: Date) async throws -> Int {
        count("renewLeases")
        return try await base.renewLeases(owner: owner, leaseDuration: leaseDuration, now: now)
    }

    func heldRows(owner: LeaseOwner) async throws -> Set<Int64> {
        count("heldRows")
        return try await base.heldRows(owner: owner)
    }

    func pacing() async throws -> [CampaignPacing] {
        count("pacing")
        return try await base.pacing()
    }

    func expireWindow(campaignID: String, reason: String, now: Date) async throws -> Int {
        count("expireWindow")
        return try await base.expireWindow(campaignID: campaignID, reason: reason, now: now)
    }

    func pause(campaignID: String, now: Date) async throws -> PauseChange {
        count("pause")
        return try await base.pause(campaignID: campaignID, now: now)
    }

    func resume(campaignID: String) async throws -> PauseChange {
        count("resume")
        return try await base.resume(campaignID: campaignID)
    }

    func pausedCampaigns() async throws -> [PausedCampaign] {
        count("pausedCampaigns")
        return try await base.pausedCampaigns()
    }

    func backlog(channels: Set<String>?) async throws -> OutboxBacklog {
        count("backlog")
        return try await base.backlog(channels: channels)
    }

    func report(campaignID: String?, errorLimit: Int, day: DateInterval) async throws -> OutboxReport {
        count("report")
        return try await base.report(campaignID: campaignID, errorLimit: errorLimit, day: day)
    }

    func sentCounts(campaignID: String) async throws -> [String: Int] {
        count("sentCounts")
        return try await base.sentCounts(campaignID: campaignID)
    }

    func retry(_ selection: OutboxSelection, now: Date) async throws -> Int {
        count("retry")
        return try await base.retry(selection, now: now)
    }

    func cancel(_ selection: OutboxSelection, now: Date) async throws -> Int {
        count("cancel")
        return try await base.cancel(selection, now: now)
    }

    func message(_ idempotencyKey: IdempotencyKey) async throws -> OutboxMessage? {
        count("message")
        return try await base.message(idempotencyKey)
    }

    func claim(_ idempotencyKey: IdempotencyKey, caps: RecipientCaps?, owner: LeaseOwner, leaseDuration: TimeInterval, now: Date) async throws -> OneMessageClaim {
        count("claim")
        return try await base.claim(idempotencyKey, caps: caps, owner: owner, leaseDuration: leaseDuration, now: now)
    }

    func messages(campaignID: String, supporterID: String, recipientID: String) async throws -> [OutboxMessage] {
        count("messages")
        return try await base.messages(campaignID: campaignID, supporterID: supporterID, recipientID: recipientID)
    }

    func recipientLoads(campaignID: String, now: Date) async throws -> [String: RecipientLoad] {
        count("recipientLoads")
        return try await base.recipientLoads(campaignID: campaignID, now: now)
    }

    func recipientsWritten(campaignID: String, supporterID: String) async throws -> Set<String> {
        count("recipientsWritten")
        return try await base.recipientsWritten(campaignID: campaignID, supporterID: supporterID)
    }
}
