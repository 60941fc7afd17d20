import Foundation

/// An ``Outbox`` whose rows can be read and written whole, with their state, attempts, lease, timestamps and attempt
/// log: what ``OutboxCopy`` needs to move an outbox between SQLite and PostgreSQL. Both built-in outboxes are.
public protocol TransferableOutbox: Outbox {
    /// Up to `limit` rows with an id above `id`, in id order, with their attempt logs.
    func records(after id: Int64, limit: Int) async throws -> [OutboxRecord]

    /// Adds the records whose key is not in the outbox yet, as they are (new ids; the attempt logs follow), in one
    /// transaction; a key already there is left as it is. Returns how many were added.
    func insert(_ records: [OutboxRecord]) async throws -> Int

    /// Adds the pacing of campaigns the outbox does not know yet; a campaign already there keeps its own. Returns how
    /// many were added.
    func insertMissing(_ pacing: [CampaignPacing], now: Date) async throws -> Int

    /// Pauses the campaigns of `paused` that are not paused here yet, each since its own `pausedAt` (even a campaign
    /// this outbox has no row of yet: its rows are about to be copied); a campaign already paused keeps its own time.
    /// Returns how many were added.
    func insertMissing(_ paused: [PausedCampaign]) async throws -> Int
}

/// One row of an outbox with everything it holds.
public struct OutboxRecord: Sendable, Hashable {
    /// The row (its id is the source outbox's).
    public var message: OutboxMessage
    /// Its attempt log, in order.
    public var attempts: [AttemptRecord]

    /// A record from its parts.
    public init(message: OutboxMessage, attempts: [AttemptRecord]) {
        self.message = message
        self.attempts = attempts
    }
}

/// One line of a row's attempt log.
public struct AttemptRecord: Sendable, Hashable {
    /// The attempt's number.
    public var number: Int
    /// When it started.
    public var startedAt: Date
    /// When it ended.
    public var finishedAt: Date
    /// How it ended (an ``AttemptOutcome``'s raw value, kept as text so that an unknown one is copied as it is).
    public var outcome: String
    /// What the platform or the dispatcher said.
    public var detail: String?

    /// An attempt from its parts.
    public init(number: Int, startedAt: Date, finishedAt: Date, outcome: String, detail: String?) {
        self.number = number
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.outcome = outcome
        self.detail = detail
    }
}

extension Date {
    /// Milliseconds since 1970 rounded to the nearest, so that a time read from an outbox is written back exactly.
    public var exactOutboxMilliseconds: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }
}
