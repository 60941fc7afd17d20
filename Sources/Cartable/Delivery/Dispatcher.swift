import Foundation

/// Drains the outbox through the senders: claims due rows under a lease, sends many at once (the concurrency lives in
/// the transport's event loop, not in a thread per message), applies each answer with ``DeliveryDecision``, and
/// writes the outcomes in group commits.
///
/// It keeps each sending account's token bucket (``AccountLimiter``), pausing an account until its reset time on a
/// 429 while the others go on; each campaign's sending hours, window and per-recipient caps (stored in the outbox by
/// `queue`); and returns expired leases to the queue. When ``StopSignal`` fires, it starts nothing new, lets the
/// requests in flight finish, records them, and returns.
public final class Dispatcher: Sendable {
    private let outbox: any Outbox
    private let senders: [String: any MessageSender]
    private let limiter: AccountLimiter
    private let configuration: DispatcherConfiguration
    private let owner: LeaseOwner
    private let clock: @Sendable () -> Date
    private let events: @Sendable (DispatchEvent) -> Void

    /// A dispatcher for the rows of the senders' channels.
    public init(
        outbox: any Outbox, senders: [any MessageSender], limiter: AccountLimiter, configuration: DispatcherConfiguration = DispatcherConfiguration(),
        owner: LeaseOwner = .current(), clock: @escaping @Sendable () -> Date = { Date() },
        events: @escaping @Sendable (DispatchEvent) -> Void = { _ in }
    ) {
        self.outbox = outbox
        var byChannel: [String: any MessageSender] = [:]
        for sender in senders { byChannel[sender.channel] = sender }
        self.senders = byChannel
        self.limiter = limiter
        var configuration = configuration
        configuration.concurrency = max(1, configuration.concurrency)
        self.configuration = configuration
        self.owner = owner
        self.clock = clock
        self.events = events
    }

    private enum Finished: Sendable {
        case delivery(OutboxMessage, Delivery, startedAt: Date)
        case tick
    }

    /// The campaigns' state as of the last housekeeping.
    private struct Pacing {
        var closed: Set<String> = []
        var caps: [String: RecipientCaps] = [:]
        var announced: [String: Date] = [:]
    }

    /// Runs until the mode says to stop or `stop` fires; returns this run's counts.
    /// - Throws: ``OutboxError`` when the outbox cannot be read or written (a full disk). Rows in flight then stay
    ///   `sending` under this process's lease, and the next run sends them again with the same idempotency key.
    public func run(stop: StopSignal = StopSignal()) async throws(OutboxError) -> DispatchProgress {
        let start = clock()
        let channels = Set(senders.keys)
        let log = TransitionLog(outbox: outbox, owner: owner, clock: clock)
        var progress = DispatchProgress()
        var pacing = Pacing()
        var failure: OutboxError?
        var remainingBase = 0, finishedSinceBase = 0

        func attempt<T>(_ action: String, _ body: () async throws -> T) async -> T? {
            do {
                return try await body()
            } catch {
                failure = failure ?? OutboxError.from(error, path: outbox.location, doing: action)
                return nil
            }
        }
        func housekeeping(_ now: Date) async {
            if let recovered = await attempt("recovering leases", { try await outbox.recoverExpiredLeases(now: now, maxAttempts: configuration.retryPolicy.maxAttempts) }),
               recovered > 0 {
                events(.recovered(count: recovered))
            }
            guard let campaigns = await attempt("reading campaign pacing", { try await outbox.pacing() }) else { return }
            var next = Pacing(announced: pacing.announced)
            for campaign in campaigns {
                next.caps[campaign.campaignID] = RecipientCaps(
                    perHour: campaign.limits.perRecipientPerHour, perDay: campaign.limits.perRecipientPerDay)
                switch SendingSchedule(campaign.limits).status(at: now) {
                case .open:
                    next.announced[campaign.campaignID] = nil
                case .closedUntil(let opening):
                    next.closed.insert(campaign.campaignID)
                    if next.announced[campaign.campaignID] != opening {
                        next.announced[campaign.campaignID] = opening
                        events(.waitingForHours(campaignID: campaign.campaignID, until: opening))
                    }
                case .ended(let reason):
                    next.closed.insert(campaign.campaignID)
                    if let count = await attempt("closing a campaign's window", {
                        try await outbox.expireWindow(campaignID: campaign.campaignID, reason: reason, now: now)
                    }), count > 0 {
                        events(.windowEnded(campaignID: campaign.campaignID, count: count))
                        progress.dead += count
                    }
                }
            }
            pacing = next
            if let backlog = await attempt("reading the outbox", { try await outbox.backlog(channels: channels) }) {
                remainingBase = backlog.unfinished
                finishedSinceBase = 0
            }
        }

        await housekeeping(start)
        var lastHousekeeping = start
        var lastProgress = Date.distantPast
        var stopping = false
        let claimThreshold = max(1, configuration.concurrency / 4)

        await withTaskGroup(of: Finished.self) { group in
            var inFlight = 0
            var tickPending = false

            func launch(_ now: Date) async -> Int {
                var free = configuration.concurrency - inFlight
                guard free >= claimThreshold || inFlight == 0 else { return 0 }
                var launched = 0
                for channel in channels.sorted() where free > 0 {
                    let tokens = limiter.available(channel, now: now)
                    guard tokens > 0, let sender = senders[channel] else { continue }
                    let filter = ClaimFilter(channels: [channel], closedCampaigns: pacing.closed, caps: pacing.caps)
                    guard let rows = await attempt("claiming messages", {
                        try await outbox.claimDue(limit: min(free, tokens), filter: filter, owner: owner,
                                                  leaseDuration: configuration.leaseDuration, now: now)
                    }) else { return launched }
                    limiter.take(channel, count: rows.count, now: now)
                    for row in rows {
                        group.addTask {
                            let startedAt = Date()
                            return .delivery(row, await sender.send(row.outgoing), startedAt: startedAt)
                        }
                    }
                    free -= rows.count
                    launched += rows.count
                }
                return launched
            }

            func record(_ row: OutboxMessage, _ delivery: Delivery, startedAt: Date) async {
                let now = clock()
                let channel = row.entry.channel
                var resumesAt: Date?
                if case .rateLimited(let retryAt, let detail) = delivery {
                    let resume = limiter.rateLimited(channel, until: retryAt, now: now)
                    resumesAt = resume
                    events(.paused(account: channel, until: resume, reason: detail))
                } else {
                    limiter.succeeded(channel)
                }
                let transition = DeliveryDecision.transition(
                    for: delivery, of: row, policy: configuration.retryPolicy, accountResumesAt: resumesAt, now: now)
                await log.submit(RecordedTransition(messageID: row.id, transition: transition, startedAt: startedAt))
                let outcome = DispatchEvent.MessageOutcome(row)
                switch transition {
                case .sent(let postID, let postURL, let duplicate, _):
                    progress.sent += 1
                    if duplicate { progress.duplicates += 1 }
                    finishedSinceBase += 1
                    events(.sent(outcome, postID: postID, postURL: postURL, duplicate: duplicate))
                case .retry(let at, let error, _, _):
                    progress.retried += 1
                    events(.retrying(outcome, at: at, error: error))
                case .dead(let reason, _):
                    progress.dead += 1
                    finishedSinceBase += 1
                    events(.dead(outcome, reason: reason))
                case .release:
                    break
                }
            }

            while true {
                var now = clock()
                if failure == nil, let logFailure = await log.failure { failure = logFailure }
                if !stopping, stop.isRequested || failure != nil {
                    stopping = true
                    events(.stopping(inFlight: inFlight))
                }
                var launched = 0
                if !stopping {
                    if now.timeIntervalSince(lastHousekeeping) >= configuration.housekeepingInterval {
                        await housekeeping(now)
                        lastHousekeeping = now
                    }
                    launched = await launch(now)
                    inFlight += launched
                }
                now = clock()
                if now.timeIntervalSince(lastProgress) >= configuration.progressInterval {
                    lastProgress = now
                    progress.inFlight = inFlight
                    progress.remaining = max(0, remainingBase - finishedSinceBase)
                    progress.elapsed = now.timeIntervalSince(start)
                    events(.progress(progress))
                }
                if inFlight == 0 {
                    if stopping { break }
                    guard launched == 0 else { continue }
                    if configuration.mode == .dueNow { break }
                    guard let backlog = await attempt("reading the outbox", { try await outbox.backlog(channels: channels) }) else { continue }
                    remainingBase = backlog.unfinished
                    finishedSinceBase = 0
                    if configuration.mode == .untilEmpty && backlog.unfinished == 0 { break }
                    var wake = now + configuration.idlePoll
                    if let due = backlog.nextDue { wake = min(wake, max(due, now + 0.005)) }
                    for channel in backlog.waitingChannels where channels.contains(channel) {
                        wake = max(min(wake, limiter.nextAllowed(channel, now: now)), now + 0.005)
                    }
                    await Self.sleep(until: wake, clock: clock, stop: stop)
                    continue
                }
                if !tickPending, !stopping, inFlight < configuration.concurrency {
                    // Wakes the loop to claim rows that become due while the requests in flight are slow.
                    tickPending = true
                    group.addTask {
                        try? await Task.sleep(for: .milliseconds(100))
                        return .tick
                    }
                }
                guard let finished = await group.next() else { continue }
                switch finished {
                case .tick:
                    tickPending = false
                case .delivery(let row, let delivery, let startedAt):
                    inFlight -= 1
                    await record(row, delivery, startedAt: startedAt)
                }
            }
            group.cancelAll()
        }
        await log.drain()
        if failure == nil, let logFailure = await log.failure { failure = logFailure }
        let end = clock()
        progress.inFlight = 0
        progress.elapsed = end.timeIntervalSince(start)
        if failure == nil, let backlog = try? await outbox.backlog(channels: channels) { progress.remaining = backlog.unfinished }
        events(.progress(progress))
        if let failure { throw failure }
        return progress
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
