import Cartable
import Foundation

/// The campaigns' satchel lines kept in memory, so that a campaign page does not read the outbox on every request:
/// a campaign's counts are read again once they are older than ``maxAge``, and at the next request after the server's
/// own sender posted one of the campaign's messages (``invalidate(campaignID:)``). One request at a time reads them
/// again; the others meanwhile show the counts read last, so a burst of pages costs one query.
///
/// Several processes may share one outbox (another `cartable serve`, `cartable send`): what they send shows here
/// within ``maxAge`` (and a query) of its being recorded. The satchel page (`/c/{id}/satchel`) reads the outbox itself.
final class SatchelCache: @unchecked Sendable {
    /// How long counts read from the outbox are shown without reading them again, in seconds.
    let maxAge: TimeInterval
    private let outbox: any Outbox
    private let clock: @Sendable () -> Date

    private struct Entry {
        /// Messages received per target, as last read.
        var received: [String: Int]?
        var readAt = Date.distantPast
        /// The ``generation`` the counts were read in.
        var readIn = 0
        /// Bumped by each of the server's own sends.
        var generation = 0
        /// Whether a request is reading the counts again.
        var reading = false
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]

    /// Counts from `outbox`, read again after `maxAge` seconds.
    init(outbox: any Outbox, maxAge: TimeInterval = 1, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.outbox = outbox
        self.maxAge = maxAge
        self.clock = clock
    }

    /// The satchel of `served`: the kept counts while they are fresh (or while another request reads them again),
    /// else read now.
    func satchel(of served: ServedCampaign) async throws -> Satchel {
        let now = clock()
        let (kept, generation): ([String: Int]?, Int) = lock.withLock {
            var entry = entries[served.id, default: Entry()]
            defer { entries[served.id] = entry }
            if let received = entry.received {
                let fresh = entry.readIn == entry.generation && now.timeIntervalSince(entry.readAt) < maxAge
                if fresh || entry.reading { return (received, entry.generation) }
            }
            entry.reading = true
            return (nil, entry.generation)
        }
        if let kept { return Satchel(received: kept, targets: served.audience.targets.count) }
        do {
            let read = try await Satchel.read(served, from: outbox)
            lock.withLock {
                entries[served.id]?.received = read.received
                entries[served.id]?.readAt = now
                entries[served.id]?.readIn = generation
                entries[served.id]?.reading = false
            }
            return read
        } catch {
            lock.withLock { entries[served.id]?.reading = false }
            throw error
        }
    }

    /// The server's sender posted a message of `campaignID`: its counts are read again at the next request.
    func invalidate(campaignID: String) {
        lock.withLock { entries[campaignID]?.generation += 1 }
    }
}
