import Foundation
import Testing
@testable import Cartable

@Suite("Send one message now")
struct SendNowTests {
    /// The supporter-flow campaign (caps 1 per hour and day, open round the clock), a composer for `supporter`, and a
    /// fresh outbox.
    static func setUp(supporter: String = "marie") throws -> (campaign: Campaign, composer: Composer, audience: CampaignAudience, outbox: TemporaryOutbox) {
        let audience = try SupporterFixtures.audience()
        return (audience.campaign, Composer(campaign: audience.campaign, supporter: supporter), audience, try TemporaryOutbox())
    }

    static func recipient(_ id: String, in audience: CampaignAudience) throws -> Recipient {
        try #require(audience.targets.first { $0.id == id })
    }

    @Test("a message goes at once and is recorded; the same message again is not sent twice")
    func sendsOnce() async throws {
        let (campaign, composer, audience, temporary) = try Self.setUp()
        defer { temporary.cleanUp() }
        let sender = ScriptedSender(channel: .x) { message, _ in .delivered(postID: "1", postURL: "https://x.example/\(message.recipientID)") }
        let sendNow = SendNow(outbox: temporary.outbox, sender: sender, owner: .test("w"))
        let message = composer.message(for: try Self.recipient("W1", in: audience), rank: 0)
        var announced = 0
        let first = try await sendNow.send(message, of: campaign) { announced += 1 }
        guard case .sent(let row, let postURL, false) = first.outcome else {
            Issue.record("expected sent, got \(first.outcome)")
            return
        }
        #expect(postURL == "https://x.example/W1" && announced == 1 && first.unrecorded == nil)
        #expect(first.entry.idempotencyKey.rawValue == "write-test/marie/W1/x" && row.entry.text == message.text)
        let stored = try await temporary.outbox.message(first.entry.idempotencyKey)
        #expect(stored?.state == .sent && stored?.postURL == "https://x.example/W1")

        let second = try await sendNow.send(message, of: campaign) { announced += 1 }
        guard case .alreadyQueued(let earlier) = second.outcome else {
            Issue.record("expected already queued, got \(second.outcome)")
            return
        }
        #expect(earlier.state == .sent && announced == 1)
        #expect(sender.callCount(first.entry.idempotencyKey.rawValue) == 1)
    }

    @Test("a deputy at the cap waits in the outbox; the dry run reaches no one and is not held")
    func capsHoldOnlyWhatReachesTheDeputy() async throws {
        let (campaign, composer, audience, temporary) = try Self.setUp()
        defer { temporary.cleanUp() }
        let recipient = try Self.recipient("W2", in: audience)
        let x = ScriptedSender(channel: .x) { _, _ in .delivered(postID: nil, postURL: nil) }
        let dryRun = ScriptedSender(channel: .dryRun) { _, _ in .delivered(postID: nil, postURL: nil) }
        let now = Date()
        _ = try await SendNow(outbox: temporary.outbox, sender: x, owner: .test("a")).send(composer.message(for: recipient, rank: 0), of: campaign, now: now)

        let other = Composer(campaign: campaign, supporter: "paul").message(for: recipient, rank: 0)
        let held = try await SendNow(outbox: temporary.outbox, sender: x, owner: .test("b")).send(other, of: campaign, now: now + 1)
        guard case .heldByCap(let until) = held.outcome else {
            Issue.record("expected held by the cap, got \(held.outcome)")
            return
        }
        #expect(until > now + 3000, "the hour's slot frees an hour after the first send")
        #expect(try await temporary.outbox.message(held.entry.idempotencyKey)?.state == .queued)

        let dry = try await SendNow(outbox: temporary.outbox, sender: dryRun, owner: .test("c")).send(other, of: campaign, now: now + 2)
        guard case .sent = dry.outcome else {
            Issue.record("expected the dry run to go, got \(dry.outcome)")
            return
        }
        #expect(dry.entry.idempotencyKey.rawValue == "write-test/paul/W2/dry-run" && !dry.entry.reachesRecipient)
    }

    @Test("outside the sending hours it is queued for the opening; after the window nothing is queued")
    func hoursAndWindow() async throws {
        var (campaign, composer, audience, temporary) = try Self.setUp()
        defer { temporary.cleanUp() }
        let sender = ScriptedSender(channel: .x) { _, _ in .delivered(postID: nil, postURL: nil) }
        let sendNow = SendNow(outbox: temporary.outbox, sender: sender, owner: .test("h"))
        let noon = try #require(ISO8601DateFormatter().date(from: "2026-03-02T12:00:00Z"))
        campaign.sending.from = "18:00"
        campaign.sending.to = "20:00"
        let message = composer.message(for: try Self.recipient("W3", in: audience), rank: 0)
        let waiting = try await sendNow.send(message, of: campaign, now: noon)
        #expect(waiting.outcome == .waitingForHours(opening: noon + 6 * 3600))
        #expect(try await temporary.outbox.message(waiting.entry.idempotencyKey)?.state == .queued)

        campaign.sending.windowEnd = "2026-03-01"
        let late = composer.message(for: try Self.recipient("W5", in: audience), rank: 0)
        let ended = try await sendNow.send(late, of: campaign, now: noon)
        guard case .windowEnded = ended.outcome else {
            Issue.record("expected the window to have ended, got \(ended.outcome)")
            return
        }
        #expect(try await temporary.outbox.message(ended.entry.idempotencyKey) == nil)
        #expect(sender.callCount(waiting.entry.idempotencyKey.rawValue) == 0)
    }

    @Test("a failure that may pass is retried later by send; one that cannot is dead with the platform's reason")
    func failures() async throws {
        let (campaign, composer, audience, temporary) = try Self.setUp()
        defer { temporary.cleanUp() }
        let flaky = ScriptedSender(channel: .x) { _, _ in .transientFailure(message: "HTTP 503", mayHaveReachedServer: true) }
        let retry = try await SendNow(outbox: temporary.outbox, sender: flaky, owner: .test("f"))
            .send(composer.message(for: try Self.recipient("W1", in: audience), rank: 0), of: campaign)
        guard case .willRetry(_, _, let error) = retry.outcome else {
            Issue.record("expected a retry, got \(retry.outcome)")
            return
        }
        #expect(error.hasPrefix("HTTP 503") && error.contains("duplicate"))
        #expect(try await temporary.outbox.message(retry.entry.idempotencyKey)?.state == .retrying)

        let refusing = ScriptedSender(channel: .x) { _, _ in .permanentFailure(message: "HTTP 401: bad token") }
        let dead = try await SendNow(outbox: temporary.outbox, sender: refusing, owner: .test("g"))
            .send(composer.message(for: try Self.recipient("W7", in: audience), rank: 0), of: campaign)
        guard case .failed(_, let reason) = dead.outcome else {
            Issue.record("expected a failure, got \(dead.outcome)")
            return
        }
        #expect(reason == "HTTP 401: bad token")
        #expect(try await temporary.outbox.message(dead.entry.idempotencyKey)?.state == .dead)
    }
}
