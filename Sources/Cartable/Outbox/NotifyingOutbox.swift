import Foundation

/// An ``Outbox`` that tells idle senders when rows are queued (PostgreSQL's `LISTEN`/`NOTIFY`), so that a
/// ``Dispatcher`` with nothing to do waits for that word, reading the outbox only at a slow poll
/// (``DispatcherConfiguration/notifiedIdlePoll``) in case a notification was lost, instead of every
/// ``DispatcherConfiguration/idlePoll``.
public protocol NotifyingOutbox: Outbox {
    /// Returns as soon as rows may have been queued (or made due again by `retry`) since the previous call returned,
    /// or at `deadline` as `clock` tells time, or soon after `stop` fires. A spurious early return is allowed (the
    /// caller reads the outbox and waits again); a late one is not.
    func waitForQueuedRows(until deadline: Date, clock: @Sendable () -> Date, stop: StopSignal) async
}
