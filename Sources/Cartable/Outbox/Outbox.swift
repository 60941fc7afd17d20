import Foundation

/// Durable storage for messages on their way out: the plug-in point between `queue`, the ``Dispatcher`` and
/// `status`. ``SQLiteOutbox`` is the embedded default; a shared store across machines would be another implementation.
///
/// An implementation must keep this contract:
///
/// - **Idempotency keys are unique.** Enqueueing a key already present changes nothing and is counted as already
///   queued, whatever the state of the existing row.
/// - **Every state change is one transaction**: a row is never seen half-changed, and a failed write changes nothing.
/// - **Claims take leases.** ``claimDue(limit:filter:owner:leaseDuration:now:)`` moves rows to ``OutboxState/sending``
///   for one owner until the lease expires; no two owners ever hold the same row. ``record(_:owner:now:)`` applies only
///   to rows the owner still holds (a lease that expired and was taken over is not overwritten).
/// - **Expired leases return** (``recoverExpiredLeases(now:maxAttempts:sparing:)``) to ``OutboxState/retrying`` with the
///   same idempotency key, so the retry is recognised by platforms that honour one.
/// - **A live sender keeps its rows.** While a send runs, its holder renews the lease
///   (``renewLeases(owner:leaseDuration:now:)``, see ``LeaseHeartbeat``), however many requests the send takes; and a
///   holder never takes back its own rows: a message in flight is never claimed twice while its sender is alive.
/// - **A paused campaign is held.** Neither claim takes a row of a campaign paused with ``pause(campaignID:now:)``
///   until ``resume(campaignID:)``; its rows stay as they are, and rows already being sent finish.
public protocol Outbox: Sendable {
    /// Where the outbox is, as errors name it (a file path).
    var location: String { get }

    /// Adds the entries in one transaction, and stores the campaign's pacing when given. `entries` is walked once, as
    /// it is inserted: it may be composed lazily (`queue` streams a whole campaign through it), so an implementation
    /// does not hold the whole batch, and adds nothing if walking or inserting fails.
    func enqueue<Entries: Sequence<OutboxEntry>>(_ entries: Entries, pacing: CampaignPacing?, now: Date) throws -> EnqueueResult

    /// Claims up to `limit` rows that are due at `now` and pass `filter`, oldest due first, for `owner`.
    func claimDue(limit: Int, filter: ClaimFilter, owner: LeaseOwner, leaseDuration: TimeInterval, now: Date) async throws -> [OutboxMessage]

    /// Applies the transitions of rows `owner` holds; returns how many were applied (the others' leases were lost).
    @discardableResult
    func record(_ transitions: [RecordedTransition], owner: LeaseOwner, now: Date) async throws -> Int

    /// Returns rows whose lease expired, or whose owner died on this machine, to the queue; dead once they used
    /// `maxAttempts`. Rows held by `sparing` (the caller itself) are left alone whatever their lease says: they are in
    /// flight. Returns how many rows it touched.
    @discardableResult
    func recoverExpiredLeases(now: Date, maxAttempts: Int, sparing: LeaseOwner?) async throws -> Int

    /// Extends to `now + leaseDuration` the lease of every row `owner` holds (those being sent). Returns how many.
    @discardableResult
    func renewLeases(owner: LeaseOwner, leaseDuration: TimeInterval, now: Date) async throws -> Int

    /// The ids of the rows `owner` holds (being sent under its lease). A sender that lost its connection while claiming
    /// compares them with what it knows it holds: a claim committed just before the connection broke, whose answer
    /// never arrived, left rows only this tells of.
    func heldRows(owner: LeaseOwner) async throws -> Set<Int64>

    /// The pacing stored for each campaign.
    func pacing() async throws -> [CampaignPacing]

    /// Marks the waiting rows of a campaign dead because its sending window is over (rows on a channel that reaches no
    /// one excepted).
    @discardableResult
    func expireWindow(campaignID: String, reason: String, now: Date) async throws -> Int

    /// Rows per state among `channels` (`nil`: all), when the earliest waiting row is due, and how many waiting rows a
    /// paused campaign holds.
    func backlog(channels: Set<String>?) async throws -> OutboxBacklog

    /// ``backlog(channels:)`` without the final states (sent, dead, cancelled: most rows of an outbox in use), which
    /// the dispatcher does not need: ``OutboxBacklog/states`` counts only queued, retrying and sending rows, so an
    /// outbox may read only those (PostgreSQL: through its partial indexes, rather than a scan of every row).
    func unfinishedBacklog(channels: Set<String>?) async throws -> OutboxBacklog

    /// The `status` report (and the organiser's dashboard), for one campaign or all; `day` is the day whose
    /// supporters and sends per minute it counts.
    func report(campaignID: String?, errorLimit: Int, day: DateInterval) async throws -> OutboxReport

    /// How many messages of a campaign each recipient has received (rows sent), by recipient id, those with none
    /// left out: the report's ``OutboxReport/RecipientTally/delivered`` alone, in one query, for the satchel a
    /// server shows on every page.
    func sentCounts(campaignID: String) async throws -> [String: Int]

    /// Dead and cancelled rows back to `queued` (attempts reset); retrying rows due now. Returns how many.
    @discardableResult
    func retry(_ selection: OutboxSelection, now: Date) async throws -> Int

    /// Queued and retrying rows to `cancelled`. Returns how many; rows being sent are left alone.
    @discardableResult
    func cancel(_ selection: OutboxSelection, now: Date) async throws -> Int

    /// Pauses a campaign's sending in every sender of this outbox: no claim takes its rows until it is resumed.
    /// A campaign the outbox knows nothing of (no row, no pacing) is refused as ``PauseChange/unknownCampaign``.
    @discardableResult
    func pause(campaignID: String, now: Date) async throws -> PauseChange

    /// Lets a paused campaign's rows be claimed again; ``PauseChange/unchanged`` when it was not paused.
    @discardableResult
    func resume(campaignID: String) async throws -> PauseChange

    /// The paused campaigns, by id.
    func pausedCampaigns() async throws -> [PausedCampaign]

    // MARK: One message at a time (the supporter's flow)

    /// The row with this key, if any.
    func message(_ idempotencyKey: IdempotencyKey) async throws -> OutboxMessage?

    /// Claims the row with this key for `owner` if it is queued or retrying and due, keeping `caps` (the campaign's
    /// per-recipient caps, counted as ``claimDue(limit:filter:owner:leaseDuration:now:)`` counts them; not applied to
    /// a row whose channel reaches no one). One transaction, like `claimDue`: no other sender can take it meanwhile;
    /// a row held by a cap has its next attempt moved to when the cap frees.
    func claim(_ idempotencyKey: IdempotencyKey, caps: RecipientCaps?, owner: LeaseOwner, leaseDuration: TimeInterval, now: Date) async throws -> OneMessageClaim

    /// The messages `supporterID` wrote to `recipientID` in `campaignID` on channels that reach the recipient, oldest
    /// first.
    func messages(campaignID: String, supporterID: String, recipientID: String) async throws -> [OutboxMessage]

    /// Per recipient of `campaignID`, over rows on channels that reach the recipient: the messages they have
    /// received or have on the way, and the sends of the last hour and day that the caps count (rows being sent
    /// included). Recipients without such a row are absent.
    func recipientLoads(campaignID: String, now: Date) async throws -> [String: RecipientLoad]

    /// The recipients `supporterID` has written to in `campaignID` on channels that reach them (dead and cancelled
    /// messages excepted).
    func recipientsWritten(campaignID: String, supporterID: String) async throws -> Set<String>
}

/// How much is left to send, and when the next waiting row is due.
public struct OutboxBacklog: Sendable, Hashable {
    /// Rows per state.
    public var states: [OutboxState: Int]
    /// The earliest `next_attempt_at` among queued and retrying rows, those of paused campaigns excepted (they are
    /// due for no sender until resumed).
    public var nextDue: Date?
    /// The channels that have queued or retrying rows (paused campaigns' included: a sender serving them waits).
    public var waitingChannels: Set<String>
    /// Of the queued and retrying rows (counted in ``states``), those of paused campaigns: waiting, held by the pause.
    public var paused: Int

    /// Queued, retrying and sending rows: what is not final yet.
    public var unfinished: Int { states[.queued, default: 0] + states[.retrying, default: 0] + states[.sending, default: 0] }

    /// A backlog from its counts and next due time.
    public init(states: [OutboxState: Int], nextDue: Date?, waitingChannels: Set<String>, paused: Int = 0) {
        self.paused = paused
        self.states = states
        self.nextDue = nextDue
        self.waitingChannels = waitingChannels
    }
}

extension Outbox {
    /// ``backlog(channels:)`` with the final states' counts left out.
    public func unfinishedBacklog(channels: Set<String>?) async throws -> OutboxBacklog {
        var backlog = try await backlog(channels: channels)
        backlog.states = backlog.states.filter { !$0.key.isFinal }
        return backlog
    }

    /// The `status` report, counting the current UTC day (``OutboxDay/utcDay(containing:)``).
    public func report(campaignID: String?, errorLimit: Int) async throws -> OutboxReport {
        try await report(campaignID: campaignID, errorLimit: errorLimit, day: OutboxDay.utcDay(containing: Date()))
    }
}
