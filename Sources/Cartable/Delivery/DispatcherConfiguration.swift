import Foundation

/// How a ``Dispatcher`` runs.
public struct DispatcherConfiguration: Sendable {
    /// When the dispatcher returns.
    public enum Mode: Sendable, Hashable {
        /// Once nothing is due now: what is waiting for a retry, a rate limit or sending hours stays for a later run.
        case dueNow
        /// Once every message is final (sent, dead or cancelled), waiting through retries, pauses and closed hours.
        case untilEmpty
        /// Never: keeps sending what gets queued, until stopped.
        case watch
    }

    /// At most this many requests in flight at once.
    public var concurrency = 8
    /// How long a claim holds a row. Longer than a request may take (the transport's timeout); renewed every third of
    /// it while the sender runs (``LeaseHeartbeat``), so that a slow send of several requests is never taken over
    /// while it may still succeed, and a killed sender's rows come back within one lease.
    public var leaseDuration: TimeInterval = 120
    /// Retries and backoff.
    public var retryPolicy = RetryPolicy()
    /// When to return.
    public var mode = Mode.dueNow
    /// The longest sleep while waiting for due rows (untilEmpty and watch): how soon rows queued meanwhile are noticed.
    public var idlePoll: TimeInterval = 1
    /// The same, on an outbox that notifies queued rows (``NotifyingOutbox``): the slow poll behind its notifications.
    public var notifiedIdlePoll: TimeInterval = 10
    /// How often leases are recovered and campaign pacing reloaded.
    public var housekeepingInterval: TimeInterval = 2
    /// Only the rows of these campaigns, by id (`nil`: every campaign on the senders' channels).
    public var campaigns: Set<String>?
    /// The first wait after the outbox became unreachable (``OutboxError/isOutage``) before reconnecting; it doubles
    /// at each failed try, up to ``maxOutageBackoff``, with jitter.
    public var outageBackoff: TimeInterval = 0.5
    /// The longest wait between two tries at reaching an unreachable outbox.
    public var maxOutageBackoff: TimeInterval = 30
    /// How often a progress event is sent.
    public var progressInterval: TimeInterval = 0.25

    /// The defaults: 8 in flight, 2-minute leases, send what is due now.
    public init() {}
}
