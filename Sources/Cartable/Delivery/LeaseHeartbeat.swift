import Foundation

/// Keeps a sender's leases alive while it sends: every third of the lease, the rows its owner holds get a fresh lease.
///
/// A lease must outlast the send it covers, and a send may be several requests (Bluesky: resolve the mentions, open or
/// refresh the session, create the record), each up to the transport's timeout. Sizing the lease to the worst case
/// would keep a killed sender's rows for minutes; renewing it keeps them only while the sender lives. A renewal that
/// fails (a busy disk) is tried again at the next beat; the lease then still has two thirds of its length to run.
struct LeaseHeartbeat {
    let outbox: any Outbox
    let owner: LeaseOwner
    let leaseDuration: TimeInterval
    let clock: @Sendable () -> Date

    /// How long between renewals: a third of the lease, so two beats may be missed before it ends.
    var interval: TimeInterval { max(0.05, leaseDuration / 3) }

    /// Starts beating; the returned task renews until it is cancelled.
    func start() -> Task<Void, Never> {
        let outbox = outbox, owner = owner, leaseDuration = leaseDuration, clock = clock, interval = interval
        return Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(Int(interval * 1000)))
                if Task.isCancelled { return }
                _ = try? await outbox.renewLeases(owner: owner, leaseDuration: leaseDuration, now: clock())
            }
        }
    }

    /// Runs `body` with the leases renewed throughout.
    func whileRunning<T>(_ body: () async -> T) async -> T {
        let beat = start()
        defer { beat.cancel() }
        return await body()
    }
}
