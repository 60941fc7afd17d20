import Foundation

/// Writes the dispatcher's transitions to the outbox in group commits: while one commit is being synced to disk,
/// the next outcomes gather, and the following commit takes them all. Each row's transition is still applied whole,
/// inside one transaction; a batch only shares the fsync.
actor TransitionLog {
    private let outbox: any Outbox
    private let owner: LeaseOwner
    private let clock: @Sendable () -> Date
    private var buffer: [RecordedTransition] = []
    private var flushing = false
    private var waiters: [CheckedContinuation<Void, Never>] = []
    /// The first write that failed (a full disk): the dispatcher stops when it sees one.
    private(set) var failure: OutboxError?
    /// Why the last write could not reach the outbox (the database restarting, the network cut): its transitions wait
    /// in the buffer, in order, until ``resume()`` writes them again. Nothing is dropped: the rows are still leased to
    /// this owner, so once the outbox is back each is recorded once.
    private(set) var outage: OutboxError?
    /// Transitions not applied because the row's lease had been taken over.
    private(set) var lostLeases = 0

    init(outbox: any Outbox, owner: LeaseOwner, clock: @escaping @Sendable () -> Date) {
        self.outbox = outbox
        self.owner = owner
        self.clock = clock
    }

    func submit(_ transition: RecordedTransition) {
        buffer.append(transition)
        guard !flushing, outage == nil else { return }
        flushing = true
        Task { await self.flushLoop() }
    }

    private func flushLoop() async {
        while !buffer.isEmpty, failure == nil, outage == nil {
            let batch = buffer
            buffer.removeAll(keepingCapacity: true)
            do {
                let applied = try await outbox.record(batch, owner: owner, now: clock())
                lostLeases += batch.count - applied
            } catch {
                let error = OutboxError.from(error, path: outbox.location, doing: "recording deliveries")
                if error.isOutage {
                    outage = error
                    buffer.insert(contentsOf: batch, at: 0)
                } else {
                    failure = error
                }
            }
        }
        flushing = false
        let waiting = waiters
        waiters.removeAll()
        for waiter in waiting { waiter.resume() }
    }

    /// After an outage: writes what waited in the buffer (``drain()`` then says whether it could).
    func resume() {
        outage = nil
        guard !flushing, !buffer.isEmpty, failure == nil else { return }
        flushing = true
        Task { await self.flushLoop() }
    }

    /// Returns once everything submitted so far is written (or a write failed, or met an outage).
    func drain() async {
        guard flushing || (!buffer.isEmpty && failure == nil && outage == nil) else { return }
        await withCheckedContinuation { waiters.append($0) }
    }

    /// Transitions submitted but not written (after a failure).
    var unwritten: Int { buffer.count }
}
