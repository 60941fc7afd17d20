import Foundation
import Testing
@testable import Cartable

/// A dispatcher with nothing it may send sleeps until something can happen, instead of reading the outbox in a loop.
@Suite("dispatcher: idle wait")
struct IdleWaitTests {
    /// `HH:MM` of `date` in UTC.
    func clockTime(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
    }

    func hours(from: Date, to: Date) -> SendingLimits {
        SendingLimits(perRecipientPerHour: 1000, perRecipientPerDay: 10_000, from: clockTime(from), to: clockTime(to), timeZone: "UTC",
                      windowStart: nil, windowEnd: nil)
    }

    @Test("waiting for closed hours, an until-empty run reads the outbox a few times a second at most, not every few milliseconds")
    func closedHoursDoNotSpin() async throws {
        let temporary = try TemporaryOutbox()
        defer { temporary.cleanUp() }
        let now = Date()
        // Hours that open in two hours: the rows are due, but their campaign is closed.
        _ = try temporary.outbox.enqueue(entries(5), pacing: CampaignPacing(campaignID: "c", limits: hours(from: now + 7200, to: now + 10_800)), now: now)
        let outbox = CountingOutbox(wrapping: temporary.outbox)
        let sender = ScriptedSender { _, _ in .delivered(postID: nil, postURL: nil) }
        var configuration = DispatcherConfiguration()
        configuration.mode = .untilEmpty
        let recorder = EventRecorder()
        let dispatcher = Dispatcher(outbox: outbox, senders: [sender], limiter: AccountLimiter(limits: [:]), configuration: configuration,
                                    events: recorder.append)
        let stop = StopSignal()
        async let run = dispatcher.run(stop: stop)
        try await Task.sleep(for: .seconds(2))
        let reads = outbox.calls
        stop.request()
        let progress = try await run
        // Awake once a second to look for new rows, plus housekeeping every 2 s: about 10 calls in 2 s. A spinning
        // loop makes hundreds (a claim and a backlog every 5 ms).
        #expect(outbox.total < 40, "outbox calls during a 2 s wait: \(reads)")
        #expect(progress.sent == 0 && sender.totalCalls == 0)
        #expect(recorder.events.contains { if case .waitingForHours(let id, _) = $0 { id == "c" } else { false } })
    }

    @Test("a run waiting for hours wakes when they open and sends, without waiting for the next housekeeping")
    func wakesWhenHoursOpen() async throws {
        let temporary = try TemporaryOutbox()
        defer { temporary.cleanUp() }
        // A clock 1.5 s before a minute boundary; the hours open at that minute.
        let real = Date()
        let opening = Date(timeIntervalSince1970: (real.timeIntervalSince1970 / 60).rounded(.down) * 60 + 120)
        let offset = opening.timeIntervalSince(real) - 1.5
        let clock: @Sendable () -> Date = { Date() + offset }
        _ = try temporary.outbox.enqueue(entries(3), pacing: CampaignPacing(campaignID: "c", limits: hours(from: opening, to: opening + 3600)), now: clock())
        let outbox = CountingOutbox(wrapping: temporary.outbox)
        let sender = ScriptedSender { _, _ in .delivered(postID: nil, postURL: nil) }
        var configuration = DispatcherConfiguration()
        configuration.mode = .untilEmpty
        configuration.housekeepingInterval = 120
        let start = Date()
        let progress = try await Dispatcher(outbox: outbox, senders: [sender], limiter: AccountLimiter(limits: [:]),
                                            configuration: configuration, clock: clock).run()
        let elapsed = Date().timeIntervalSince(start)
        #expect(progress.sent == 3)
        #expect(elapsed >= 1.4, "sent before the hours opened: \(elapsed) s")
        // Housekeeping is two minutes apart here: only the opening itself can have woken the run. The margin is wide
        // because the whole suite runs in parallel on two cores, where a test's tasks may wait tens of seconds for a thread.
        #expect(elapsed < 100, "took \(elapsed) s")
        #expect(outbox.total < 40, "outbox calls: \(outbox.calls)")
    }
}
