import Foundation

/// What the ``Dispatcher`` reports as it goes: one per message outcome, plus pauses, recoveries and progress.
/// `send` prints each as one JSON line when asked for JSON lines; on a terminal they feed the progress line.
/// No event carries a message's text or a secret.
public enum DispatchEvent: Sendable, Hashable {
    /// A message reached the platform (`duplicate`: the platform already had it).
    case sent(MessageOutcome, postID: String?, postURL: String?, duplicate: Bool)
    /// An attempt failed and the message will be tried again at `at`.
    case retrying(MessageOutcome, at: Date, error: String)
    /// The message was given up on.
    case dead(MessageOutcome, reason: String)
    /// A sending account is paused until `until` (rate limit).
    case paused(account: String, until: Date, reason: String)
    /// Rows whose sender had stopped were returned to the queue.
    case recovered(count: Int)
    /// A campaign's window is over; its waiting messages were marked dead.
    case windowEnded(campaignID: String, count: Int)
    /// A campaign is outside its sending hours (or before its window) until `until`.
    case waitingForHours(campaignID: String, until: Date)
    /// The outbox cannot be reached (`location`, without a password: the database restarting, down, or the network
    /// cut); reported once per outage. Nothing new starts; the requests in flight finish, and their outcomes wait in
    /// memory (their rows stay leased to this sender) while the run reconnects with backoff.
    case outboxUnavailable(location: String, error: String)
    /// The outbox answers again after `after` seconds out of reach: the outcomes that waited are recorded, and
    /// sending goes on. `released`: rows a claim cut by the outage had leased to this sender without its knowing,
    /// released to the queue (not counted as attempts).
    case outboxReconnected(location: String, after: TimeInterval, released: Int)
    /// A claim on `channel`'s due rows took `duration` seconds and took `count` rows (none, often, when idle): what
    /// the outbox's claim latency is measured from.
    case claimed(channel: String, count: Int, duration: TimeInterval)
    /// Counts so far.
    case progress(DispatchProgress)
    /// The run is ending early: in-flight requests finish, nothing new starts. `interrupted` when a stop was
    /// requested (Ctrl-C); otherwise the outbox failed, and the run's error says how.
    case stopping(inFlight: Int, interrupted: Bool)

    /// Who and what an outcome is about.
    public struct MessageOutcome: Sendable, Hashable {
        /// The row's id (how an ``OutboxSelection`` names it).
        public var id: Int64
        /// The message's key, as text.
        public var idempotencyKey: String
        /// The campaign it belongs to.
        public var campaignID: String
        /// Whom it was for.
        public var recipientID: String
        /// The sending channel's name.
        public var channel: String
        /// Which attempt this was (1 for the first).
        public var attempt: Int
        /// How the attempt ended, as the outbox's attempt log says it (`delivered`, `duplicate`, `rate-limited`,
        /// `transient`, `permanent`): a short word fit to count by, where the error text is the platform's own.
        public var result: AttemptOutcome

        init(_ message: OutboxMessage, result: AttemptOutcome) {
            self.result = result
            id = message.id
            idempotencyKey = message.entry.idempotencyKey.rawValue
            campaignID = message.entry.campaignID
            recipientID = message.entry.recipientID
            channel = message.entry.channel
            attempt = message.attempts
        }
    }
}

/// The counts of a `send` run so far.
public struct DispatchProgress: Sendable, Hashable {
    /// Messages that reached the platform in this run.
    public var sent = 0
    /// Of those, how many the platform already had.
    public var duplicates = 0
    /// Failed attempts that will be retried.
    public var retried = 0
    /// Messages given up on in this run.
    public var dead = 0
    /// Messages not final yet (queued, retrying or being sent), as last counted.
    public var remaining = 0
    /// Requests in flight now.
    public var inFlight = 0
    /// Seconds since the run started.
    public var elapsed: TimeInterval = 0

    /// Messages sent per second so far.
    public var rate: Double { elapsed > 0 ? Double(sent) / elapsed : 0 }

    /// Seconds until `remaining` is sent at the current rate; `nil` before anything was sent.
    public var estimatedSecondsLeft: Double? { rate > 0 ? Double(remaining) / rate : nil }

    /// Empty counts.
    public init() {}
}
