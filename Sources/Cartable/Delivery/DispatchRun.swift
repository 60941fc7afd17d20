import Foundation

/// One ``Dispatcher/run(stop:)``: its state, and the parts of its loop. Used by that one task only.
final class DispatchRun {
    /// What a task of the run's group returns.
    enum Finished: Sendable {
        /// The sender of `channel` answered.
        case delivery(OutboxMessage, Delivery, channel: ChannelDescriptor, startedAt: Date)
        /// The timer that wakes the loop to claim rows that became due while requests are slow.
        case tick
    }

    /// The campaigns' state as of the last housekeeping.
    private struct Pacing {
        var closed: Set<String> = []
        var caps: [String: RecipientCaps] = [:]
        /// The opening time last announced per campaign waiting for its hours (announced once).
        var announced: [String: Date] = [:]

        /// The earliest opening among the campaigns waiting for their hours.
        var nextOpening: Date? { closed.compactMap { announced[$0] }.min() }

        /// Whether a closed campaign's hours have opened by `now`: the pacing is stale, reload it.
        func opensBy(_ now: Date) -> Bool { nextOpening.map { $0 <= now } ?? false }
    }

    private let dispatcher: Dispatcher
    private let stop: StopSignal
    private let log: TransitionLog
    let start: Date
    private var progress = DispatchProgress()
    private var pacing = Pacing()
    /// The first outbox error that is not an outage: the run stops starting work once there is one.
    private var failure: OutboxError?
    /// While the outbox is out of reach: nothing new starts, and the run tries to reconnect with backoff.
    private var outage: OutboxOutage?
    /// Rows not final at the last count, and how many became final since, for the progress's `remaining`.
    private var remainingBase = 0, finishedSinceBase = 0
    private var lastHousekeeping: Date
    /// When housekeeping last recounted the backlog.
    private var lastRecount = Date.distantPast
    private var lastProgress = Date.distantPast
    private var stopping = false
    private var inFlight = 0
    /// The rows of the requests in flight.
    private var inFlightRows: Set<Int64> = []
    private var tickPending = false

    private var outbox: any Outbox { dispatcher.outbox }
    private var configuration: DispatcherConfiguration { dispatcher.configuration }
    private var channels: Set<String> { Set(dispatcher.senders.keys) }

    init(_ dispatcher: Dispatcher, stop: StopSignal) {
        self.dispatcher = dispatcher
        self.stop = stop
        log = TransitionLog(outbox: dispatcher.outbox, owner: dispatcher.owner, clock: dispatcher.clock)
        start = dispatcher.clock()
        lastHousekeeping = start
    }

    /// Runs `body`; an error gives `nil` and is kept: an outage starts waiting for the outbox, any other error is the
    /// run's failure (the first one wins).
    private func attempt<T>(_ action: String, _ body: () async throws -> T) async -> T? {
        do {
            return try await body()
        } catch {
            note(OutboxError.from(error, path: outbox.location, doing: action))
            return nil
        }
    }

    /// Keeps an error: an outage (reported when it starts), or the run's failure.
    private func note(_ error: OutboxError) {
        guard error.isOutage else {
            failure = failure ?? error
            return
        }
        guard outage == nil else { return }
        let now = dispatcher.clock()
        outage = OutboxOutage(error, now: now, backoff: configuration.outageBackoff, maxBackoff: configuration.maxOutageBackoff)
        dispatcher.events(.outboxUnavailable(location: error.path, error: error.message))
    }

    // MARK: The loop

    /// One turn of the loop: housekeeping when due, claiming and launching, progress, then waiting for an answer
    /// (or idling). Returns `false` when the run is over.
    func turn(_ group: inout TaskGroup<Finished>) async -> Bool {
        var now = dispatcher.clock()
        if failure == nil, let logFailure = await log.failure { failure = logFailure }
        if let logOutage = await log.outage { note(logOutage) }
        if !stopping, stop.isRequested || failure != nil {
            stopping = true
            dispatcher.events(.stopping(inFlight: inFlight, interrupted: stop.isRequested))
        }
        if !stopping, outage != nil { await reconnect(now) }
        var launched = 0
        let claimedAt = now
        if !stopping, outage == nil {
            if now.timeIntervalSince(lastHousekeeping) >= configuration.housekeepingInterval || pacing.opensBy(now) {
                await housekeeping(now)
                lastHousekeeping = now
            }
            launched = await claimAndLaunch(now, into: &group)
            inFlight += launched
        }
        now = dispatcher.clock()
        if now.timeIntervalSince(lastProgress) >= configuration.progressInterval {
            lastProgress = now
            reportProgress(now)
        }
        if inFlight == 0 {
            if stopping { return false }
            if let outage {
                await Dispatcher.sleep(until: outage.nextTry, clock: dispatcher.clock, stop: stop)
                return true
            }
            guard launched == 0 else { return true }
            if configuration.mode == .dueNow { return false }
            return await idleWait(now, claimedAt: claimedAt)
        }
        if !tickPending, !stopping, inFlight < configuration.concurrency || outage != nil {
            tickPending = true
            group.addTask {
                try? await Task.sleep(for: .milliseconds(100))
                return .tick
            }
        }
        guard let finished = await group.next() else { return true }
        switch finished {
        case .tick:
            tickPending = false
        case .delivery(let row, let delivery, let channel, let startedAt):
            inFlight -= 1
            inFlightRows.remove(row.id)
            await record(row, delivery, on: channel, startedAt: startedAt)
        }
        return true
    }

    /// After the loop: waits for the last writes, and returns the counts or the failure (an outage the run was
    /// stopped in counts as one: outcomes may not be written, their rows are taken back when their lease ends).
    func finish() async throws(OutboxError) -> DispatchProgress {
        await log.drain()
        if failure == nil, let logFailure = await log.failure { failure = logFailure }
        if failure == nil, let logOutage = await log.outage { failure = outage?.error ?? logOutage }
        if failure == nil, let outage { failure = outage.error }
        let end = dispatcher.clock()
        progress.inFlight = 0
        progress.elapsed = end.timeIntervalSince(start)
        if failure == nil, let backlog = try? await outbox.unfinishedBacklog(channels: channels) { progress.remaining = backlog.unfinished }
        dispatcher.events(.progress(progress))
        if let failure { throw failure }
        return progress
    }

    // MARK: Outages

    /// While the outbox is out of reach, once the backoff allows: renews this sender's leases (which says whether the
    /// outbox answers, and keeps the rows it holds), writes the outcomes that waited, releases the rows a claim cut by
    /// the outage left leased to this sender unknown to it, and reports the outbox back. Another outage waits longer;
    /// any other error is the run's failure.
    private func reconnect(_ now: Date) async {
        guard var current = outage, now >= current.nextTry else { return }
        let owner = dispatcher.owner
        do {
            try await outbox.renewLeases(owner: owner, leaseDuration: configuration.leaseDuration, now: now)
            await log.resume()
            await log.drain()
            if let logFailure = await log.failure {
                failure = failure ?? logFailure
                return
            }
            if let logOutage = await log.outage { throw logOutage }
            let orphans = try await outbox.heldRows(owner: owner).subtracting(inFlightRows)
            if !orphans.isEmpty {
                let releases = orphans.sorted().map { RecordedTransition(messageID: $0, transition: .release, startedAt: now) }
                try await outbox.record(releases, owner: owner, now: now)
            }
            let back = dispatcher.clock()
            outage = nil
            dispatcher.events(.outboxReconnected(location: current.error.path, after: current.duration(at: back), released: orphans.count))
            lastHousekeeping = .distantPast
        } catch {
            let error = OutboxError.from(error, path: outbox.location, doing: "reconnecting to the outbox")
            guard error.isOutage else {
                failure = failure ?? error
                return
            }
            current.failedAgain(error, now: dispatcher.clock(), backoff: configuration.outageBackoff, maxBackoff: configuration.maxOutageBackoff)
            outage = current
        }
    }

    // MARK: Housekeeping

    /// Takes back expired leases, reloads each campaign's caps and hours, closes ended windows, and recounts what is
    /// left.
    func housekeeping(_ now: Date) async {
        let maxAttempts = configuration.retryPolicy.maxAttempts
        if let recovered = await attempt("recovering leases", {
            try await outbox.recoverExpiredLeases(now: now, maxAttempts: maxAttempts, sparing: dispatcher.owner)
        }),
           recovered > 0 {
            dispatcher.events(.recovered(count: recovered))
        }
        guard let campaigns = await attempt("reading campaign pacing", { try await outbox.pacing() }) else { return }
        var next = Pacing(announced: pacing.announced)
        for campaign in campaigns {
            let id = campaign.campaignID
            next.caps[id] = RecipientCaps(campaign.limits)
            switch SendingSchedule(campaign.limits).status(at: now) {
            case .open:
                next.announced[id] = nil
            case .closedUntil(let opening):
                next.closed.insert(id)
                if next.announced[id] != opening {
                    next.announced[id] = opening
                    dispatcher.events(.waitingForHours(campaignID: id, until: opening))
                }
            case .ended(let reason):
                next.closed.insert(id)
                if let count = await attempt("closing a campaign's window", {
                    try await outbox.expireWindow(campaignID: id, reason: reason, now: now)
                }), count > 0 {
                    dispatcher.events(.windowEnded(campaignID: id, count: count))
                    progress.dead += count
                }
            }
        }
        pacing = next
        // The recount only corrects the progress's `remaining` for other senders' work: not at every housekeeping
        // (on PostgreSQL it reads every unfinished row, and every row until autovacuum has been through the table).
        guard now.timeIntervalSince(lastRecount) >= Self.recountInterval else { return }
        if let backlog = await attempt("reading the outbox", { try await outbox.unfinishedBacklog(channels: channels) }) {
            remainingBase = backlog.unfinished
            finishedSinceBase = 0
            lastRecount = now
        }
    }

    /// How often housekeeping recounts the backlog for the progress's `remaining` (idle waits and the end of the run
    /// always do).
    static let recountInterval: TimeInterval = 10

    // MARK: Claiming and launching

    /// Claims, channel by channel, as many due rows as the free slots and the account's tokens allow, and starts
    /// sending each. Claims only when half the slots are free (or none is busy), so claims come in batches: a claim
    /// is a transaction of two statements whatever its size, and with a quarter (8 rows of 32) the PostgreSQL server
    /// spent more on claiming than on anything else.
    private func claimAndLaunch(_ now: Date, into group: inout TaskGroup<Finished>) async -> Int {
        var free = configuration.concurrency - inFlight
        guard free >= max(1, configuration.concurrency / 2) || inFlight == 0 else { return 0 }
        var launched = 0
        for (channel, sender) in dispatcher.senders.sorted(by: { $0.key < $1.key }) where free > 0 {
            let tokens = dispatcher.limiter.available(channel, now: now)
            guard tokens > 0 else { continue }
            let filter = ClaimFilter(channels: [channel], campaigns: configuration.campaigns, closedCampaigns: pacing.closed, caps: pacing.caps)
            let owner = dispatcher.owner, lease = configuration.leaseDuration
            let claimStart = ContinuousClock.now
            guard let rows = await attempt("claiming messages", {
                try await outbox.claimDue(limit: min(free, tokens), filter: filter, owner: owner, leaseDuration: lease, now: now)
            }) else { return launched }
            let claimTime = ContinuousClock.now - claimStart
            dispatcher.events(.claimed(channel: channel, count: rows.count,
                                       duration: Double(claimTime.components.seconds) + Double(claimTime.components.attoseconds) / 1e18))
            dispatcher.limiter.take(channel, count: rows.count, now: now)
            for row in rows {
                inFlightRows.insert(row.id)
                group.addTask {
                    let startedAt = Date()
                    return .delivery(row, await sender.send(row.outgoing), channel: sender.channel, startedAt: startedAt)
                }
            }
            free -= rows.count
            launched += rows.count
        }
        return launched
    }

    // MARK: Recording outcomes

    /// Turns a sender's answer into the row's transition (pausing the account on a rate limit), hands it to the
    /// group-committing log, and reports it.
    private func record(_ row: OutboxMessage, _ delivery: Delivery, on channel: ChannelDescriptor, startedAt: Date) async {
        let now = dispatcher.clock()
        let account = channel.name
        var resumesAt: Date?
        if case .rateLimited(let retryAt, let detail) = delivery {
            let resume = dispatcher.limiter.rateLimited(account, until: retryAt, now: now)
            resumesAt = resume
            dispatcher.events(.paused(account: account, until: resume, reason: detail))
        } else {
            dispatcher.limiter.succeeded(account)
        }
        let transition = DeliveryDecision.transition(
            for: delivery, of: row, on: channel, policy: configuration.retryPolicy, accountResumesAt: resumesAt, now: now)
        await log.submit(RecordedTransition(messageID: row.id, transition: transition, startedAt: startedAt))
        let outcome = DispatchEvent.MessageOutcome(row, result: transition.attemptOutcome)
        switch transition {
        case .sent(let postID, let postURL, let duplicate, _):
            progress.sent += 1
            if duplicate { progress.duplicates += 1 }
            finishedSinceBase += 1
            dispatcher.events(.sent(outcome, postID: postID, postURL: postURL, duplicate: duplicate))
        case .retry(let at, let error, _, _):
            progress.retried += 1
            dispatcher.events(.retrying(outcome, at: at, error: error))
        case .dead(let reason, _):
            progress.dead += 1
            finishedSinceBase += 1
            dispatcher.events(.dead(outcome, reason: reason))
        case .release:
            break
        }
    }

    private func reportProgress(_ now: Date) {
        progress.inFlight = inFlight
        progress.remaining = max(0, remainingBase - finishedSinceBase)
        progress.elapsed = now.timeIntervalSince(start)
        dispatcher.events(.progress(progress))
    }

    // MARK: Idle wait

    /// Nothing in flight and nothing claimed: returns `false` when the mode says the run is over, else sleeps until the
    /// next moment something can happen: a row falls due, a campaign's hours open, an account may send again. What
    /// was already due at the claim (`claimedAt`) but not claimed is held by closed hours or an empty bucket, so it
    /// is no reason to wake; the hours' opening and the account's next token are. The sleep lasts at most
    /// ``DispatcherConfiguration/idlePoll``, so rows queued meanwhile are noticed by the next read of the backlog; on a
    /// ``NotifyingOutbox`` it ends when rows are queued, and lasts at most ``DispatcherConfiguration/notifiedIdlePoll``
    /// (``DispatcherConfiguration/idlePoll`` while other senders have rows in flight).
    private func idleWait(_ now: Date, claimedAt: Date) async -> Bool {
        guard let backlog = await attempt("reading the outbox", { try await outbox.unfinishedBacklog(channels: channels) }) else { return true }
        remainingBase = backlog.unfinished
        finishedSinceBase = 0
        if configuration.mode == .untilEmpty && backlog.unfinished == 0 { return false }
        let notifying = outbox as? any NotifyingOutbox
        var wake = now + (notifying == nil ? configuration.idlePoll : configuration.notifiedIdlePoll)
        // Rows in flight with another sender (none is in flight here): their outcome, which no notification announces,
        // may end the run or bring a row back to send, so look again at the plain pace.
        if backlog.states[.sending, default: 0] > 0 { wake = min(wake, now + configuration.idlePoll) }
        if let due = backlog.nextDue, due > claimedAt { wake = min(wake, due) }
        if let opening = pacing.nextOpening, opening > now { wake = min(wake, opening) }
        for channel in backlog.waitingChannels where channels.contains(channel) {
            let allowed = dispatcher.limiter.nextAllowed(channel, now: now)
            if allowed > now { wake = min(wake, allowed) }
        }
        if let notifying {
            await notifying.waitForQueuedRows(until: max(wake, now + 0.005), clock: dispatcher.clock, stop: stop)
        } else {
            await Dispatcher.sleep(until: max(wake, now + 0.005), clock: dispatcher.clock, stop: stop)
        }
        return true
    }
}
