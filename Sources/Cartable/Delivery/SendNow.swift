import Foundation

/// Sends one composed message at once, as a supporter does: puts it in the outbox (so nothing is lost and a repeat is
/// recognised by its key), then claims that one row and sends it through its channel's sender, keeping the
/// campaign's sending hours, window and per-recipient caps exactly as ``Dispatcher`` does. What cannot go now stays
/// queued for a later `send`.
public struct SendNow: Sendable {
    /// What became of the message.
    public enum Outcome: Sendable, Hashable {
        /// On the platform: `duplicate` when the platform already had it.
        case sent(OutboxMessage, postURL: String?, duplicate: Bool)
        /// Its key was already in the outbox (the same supporter got there first): the row as it is, untouched.
        case alreadyQueued(OutboxMessage)
        /// Queued (the row as it is); the campaign is paused (`cartable pause`), and it goes once it is resumed.
        case campaignPaused(OutboxMessage)
        /// Queued; the campaign's sending hours (or its window) open at `opening`.
        case waitingForHours(opening: Date)
        /// Queued; the recipient has had the messages the campaign's caps allow, and a slot frees at `until`.
        case heldByCap(until: Date)
        /// Not queued: the campaign's sending window is over.
        case windowEnded(reason: String)
        /// The attempt failed and the row is retried at `at` by a later `send`.
        case willRetry(OutboxMessage, at: Date, error: String)
        /// The attempt failed for good: the row is dead, with the reason.
        case failed(OutboxMessage, reason: String)
        /// The row was given back to the queue without an attempt.
        case released
        /// The row disappeared between queueing and claiming (deleted by hand).
        case vanished
    }

    /// The outcome, the entry that was queued, and, when the platform answered but the answer could not be written
    /// to the outbox, why: the row's lease then expires and a later `send` retries it with the same key.
    public struct Result: Sendable {
        /// What became of the message.
        public var outcome: Outcome
        /// The outbox entry for the message on the sender's channel.
        public var entry: OutboxEntry
        /// The error that kept the platform's answer from being recorded, if any.
        public var unrecorded: OutboxError?
    }

    /// Where the message is queued.
    public let outbox: any Outbox
    /// Who posts it: its channel decides the key, and whether hours and caps apply.
    public let sender: any MessageSender
    /// Who holds the row's lease while it is sent.
    public var owner: LeaseOwner
    /// How long the lease lasts: longer than one request may take (it is renewed while the send runs).
    public var leaseDuration: TimeInterval
    /// Decides between a retry and giving up when the attempt fails.
    public var retryPolicy: RetryPolicy

    /// Sends through `sender`, queueing in `outbox`.
    public init(outbox: any Outbox, sender: any MessageSender, owner: LeaseOwner = .current(), leaseDuration: TimeInterval = 90,
                retryPolicy: RetryPolicy = RetryPolicy()) {
        self.outbox = outbox
        self.sender = sender
        self.owner = owner
        self.leaseDuration = leaseDuration
        self.retryPolicy = retryPolicy
    }

    /// Queues `message` of `campaign` and sends it now if its hours, window and the recipient's caps allow.
    /// - Parameter willSend: called once the row is claimed, just before the request leaves (to say so).
    /// - Throws: ``OutboxError`` when the outbox cannot be written; nothing was sent then.
    public func send(
        _ message: Message, of campaign: Campaign, now: Date = Date(), willSend: () -> Void = {}
    ) async throws(OutboxError) -> Result {
        let channel = sender.channel
        let entry = OutboxEntry(message, campaign: campaign, via: channel)
        func result(_ outcome: Outcome, unrecorded: OutboxError? = nil) -> Result {
            Result(outcome: outcome, entry: entry, unrecorded: unrecorded)
        }
        let schedule = SendingSchedule.status(of: campaign, on: channel, at: now)
        if case .ended(let reason) = schedule { return result(.windowEnded(reason: reason)) }

        let claim: OneMessageClaim
        do {
            let added = try outbox.enqueue([entry], pacing: CampaignPacing(campaignID: campaign.id, limits: campaign.sending), now: now)
            if added.alreadyQueued > 0, let earlier = try await outbox.message(entry.idempotencyKey) {
                return result(.alreadyQueued(earlier))
            }
            if case .closedUntil(let opening) = schedule { return result(.waitingForHours(opening: opening)) }
            claim = try await outbox.claim(
                entry.idempotencyKey, caps: RecipientCaps(campaign.sending), owner: owner, leaseDuration: leaseDuration, now: now)
        } catch {
            throw OutboxError.from(error, path: outbox.location, doing: "queueing the message")
        }

        let row: OutboxMessage
        switch claim {
        case .claimed(let claimed): row = claimed
        case .heldByCap(let until): return result(.heldByCap(until: until))
        case .paused(let waiting): return result(.campaignPaused(waiting))
        case .notClaimable(let existing): return result(.alreadyQueued(existing))
        case .missing: return result(.vanished)
        }

        willSend()
        let startedAt = Date()
        let heartbeat = LeaseHeartbeat(outbox: outbox, owner: owner, leaseDuration: leaseDuration, clock: { Date() })
        let delivery = await heartbeat.whileRunning { await sender.send(row.outgoing) }
        let transition = DeliveryDecision.transition(
            for: delivery, of: row, on: channel, policy: retryPolicy, accountResumesAt: nil, now: Date())
        var unrecorded: OutboxError?
        do {
            try await outbox.record([RecordedTransition(messageID: row.id, transition: transition, startedAt: startedAt)], owner: owner, now: Date())
        } catch {
            unrecorded = OutboxError.from(error, path: outbox.location, doing: "recording the answer")
        }
        switch transition {
        case .sent(_, let postURL, let duplicate, _):
            return result(.sent(row, postURL: postURL, duplicate: duplicate), unrecorded: unrecorded)
        case .retry(let at, let error, _, _):
            return result(.willRetry(row, at: at, error: error), unrecorded: unrecorded)
        case .dead(let reason, _):
            return result(.failed(row, reason: reason), unrecorded: unrecorded)
        case .release:
            return result(.released, unrecorded: unrecorded)
        }
    }
}
