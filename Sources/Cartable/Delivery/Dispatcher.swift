import Foundation

/// Drains the outbox through the senders: claims due rows under a lease, sends many at once (the concurrency lives in
/// the transport's event loop, not in a thread per message), applies each answer with ``DeliveryDecision``, and
/// writes the outcomes in group commits.
///
/// It keeps each sending account's token bucket (``AccountLimiter``), pausing an account until its reset time on a
/// 429 while the others go on; each campaign's sending hours, window and per-recipient caps (stored in the outbox by
/// `queue`); and returns expired leases to the queue, never its own: while it runs, a ``LeaseHeartbeat`` renews the
/// lease of every row it holds, so a send made of several slow requests is never taken back and posted again. When ``StopSignal`` fires, it starts nothing new, lets the
/// requests in flight finish, records them, and returns.
///
/// One run goes round a loop (``DispatchRun``): now and then **housekeeping** (leases back, campaigns' pacing
/// reloaded, ended windows closed), then **claiming and launching** what the accounts allow, **recording** each
/// outcome as it comes, and, when nothing is in flight and nothing could be claimed, an **idle wait** until something
/// can happen (a row falls due, a campaign's hours open, an account may send again), reading the outbox about once a
/// ``DispatcherConfiguration/idlePoll`` for rows queued meanwhile.
public final class Dispatcher: Sendable {
    let outbox: any Outbox
    /// The senders by channel name.
    let senders: [String: any MessageSender]
    let limiter: AccountLimiter
    let configuration: DispatcherConfiguration
    let owner: LeaseOwner
    let clock: @Sendable () -> Date
    let events: @Sendable (DispatchEvent) -> Void

    /// A dispatcher for the rows of the senders' channels.
    public init(
        outbox: any Outbox, senders: [any MessageSender], limiter: AccountLimiter, configuration: DispatcherConfiguration = DispatcherConfiguration(),
        owner: LeaseOwner = .current(), clock: @escaping @Sendable () -> Date = { Date() },
        events: @escaping @Sendable (DispatchEvent) -> Void = { _ in }
    ) {
        self.outbox = outbox
        var byChannel: [String: any MessageSender] = [:]
        for sender in senders { byChannel[sender.channel.name] = sender }
        self.senders = byChannel
        self.limiter = limiter
        var configuration = configuration
        configuration.concurrency = max(1, configuration.concurrency)
        self.configuration = configuration
        self.owner = owner
        self.clock = clock
        self.events = events
    }

    /// Runs until the mode says to stop or `stop` fires; returns this run's counts.
    /// - Throws: ``OutboxError`` when the outbox cannot be read or written (a full disk). Rows in flight then stay
    ///   `sending` under this process's lease, and the next run sends them again with the same idempotency key.
    public func run(stop: StopSignal = StopSignal()) async throws(OutboxError) -> DispatchProgress {
        let run = DispatchRun(self, stop: stop)
        let heartbeat = LeaseHeartbeat(outbox: outbox, owner: owner, leaseDuration: configuration.leaseDuration, clock: clock)
        await heartbeat.whileRunning {
            await run.housekeeping(run.start)
            await withTaskGroup(of: DispatchRun.Finished.self) { group in
                while await run.turn(&group) {}
                group.cancelAll()
            }
        }
        return try await run.finish()
    }

    /// Sleeps until `wake`, in short steps so that a stop is noticed at once.
    static func sleep(until wake: Date, clock: @Sendable () -> Date, stop: StopSignal) async {
        while !stop.isRequested {
            let left = wake.timeIntervalSince(clock())
            if left <= 0 { return }
            try? await Task.sleep(for: .milliseconds(Int(min(left, 0.1) * 1000) + 1))
        }
    }
}
