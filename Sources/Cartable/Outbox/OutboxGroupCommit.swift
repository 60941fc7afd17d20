import Foundation

/// Queues the messages of many concurrent callers (a web server's supporters) in shared transactions: a group
/// commit. Each caller hands one entry and waits; entries that arrive while a transaction is being written wait for
/// the next one, which takes them all (up to ``maxBatch``), so under load one `fsync` covers many messages, and an
/// idle outbox writes a lone entry at once. A caller returns only once the transaction holding its entry committed:
/// its row is in the file (added now, or already there under the same idempotency key).
///
/// Transactions are written on a thread of their own, one at a time, so that the outbox's blocking writes never hold
/// a thread of Swift's cooperative pool. One transaction per campaign pacing in a batch (each stores its campaign's
/// pacing with its rows, as ``Outbox/enqueue(_:pacing:now:)`` does).
public final class OutboxGroupCommit: @unchecked Sendable {
    /// The outbox written to.
    public let outbox: any Outbox
    /// The most entries one transaction takes.
    public let maxBatch: Int

    /// What has been committed so far.
    public struct Statistics: Sendable, Hashable {
        /// Transactions committed.
        public var transactions = 0
        /// Entries they held (added, or already there).
        public var entries = 0
    }

    private struct Waiting {
        var entry: OutboxEntry
        var pacing: CampaignPacing?
        var continuation: CheckedContinuation<Void, any Error>
    }

    private let lock = NSLock()
    private var waiting: [Waiting] = []
    private var writing = false
    private var committed = Statistics()
    private let queue = DispatchQueue(label: "cartable.outbox.group-commit", qos: .userInitiated)
    private let clock: @Sendable () -> Date

    /// Group commits into `outbox`, at most `maxBatch` entries a transaction.
    public init(outbox: any Outbox, maxBatch: Int = 1_000, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.outbox = outbox
        self.maxBatch = max(1, maxBatch)
        self.clock = clock
    }

    /// What has been committed so far.
    public var statistics: Statistics { lock.withLock { committed } }

    /// Queues `entry` (and stores `pacing` with it) in the next transaction; returns once that transaction committed.
    /// - Throws: ``OutboxError`` when the transaction failed: then none of its entries was added by it.
    public func enqueue(_ entry: OutboxEntry, pacing: CampaignPacing?) async throws(OutboxError) {
        do {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let start = lock.withLock {
                    waiting.append(Waiting(entry: entry, pacing: pacing, continuation: continuation))
                    defer { writing = true }
                    return !writing
                }
                if start { queue.async { self.writeWhileWaiting() } }
            }
        } catch let error as OutboxError {
            throw error
        } catch {
            throw OutboxError.from(error, path: outbox.location, doing: "queueing the message")
        }
    }

    /// Writes transactions until nobody waits.
    private func writeWhileWaiting() {
        while true {
            let batch: [Waiting] = lock.withLock {
                let batch = Array(waiting.prefix(maxBatch))
                waiting.removeFirst(batch.count)
                if batch.isEmpty { writing = false }
                return batch
            }
            if batch.isEmpty { return }
            write(batch)
        }
    }

    /// One transaction per pacing among `batch`; each caller resumed once its transaction committed (or failed).
    private func write(_ batch: [Waiting]) {
        var groups: [CampaignPacing?: [Waiting]] = [:]
        var order: [CampaignPacing?] = []
        for item in batch {
            if groups[item.pacing] == nil { order.append(item.pacing) }
            groups[item.pacing, default: []].append(item)
        }
        for pacing in order {
            let group = groups[pacing] ?? []
            do {
                _ = try outbox.enqueue(group.lazy.map(\.entry), pacing: pacing, now: clock())
                lock.withLock {
                    committed.transactions += 1
                    committed.entries += group.count
                }
                for item in group { item.continuation.resume() }
            } catch {
                let failure = OutboxError.from(error, path: outbox.location, doing: "queueing the message")
                for item in group { item.continuation.resume(throwing: failure) }
            }
        }
    }
}
