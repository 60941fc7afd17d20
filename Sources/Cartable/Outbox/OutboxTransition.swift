import Foundation

/// What the dispatcher decided for a claimed row after its attempt: applied by ``Outbox/record(_:owner:now:)``,
/// each in one transaction with the attempt's log line.
public enum OutboxTransition: Sendable, Hashable {
    /// `sending → sent`: on the platform. `duplicate` when the platform said it already had it.
    case sent(postID: String?, postURL: String?, duplicate: Bool, detail: String?)
    /// `sending → retrying`: try again at `at`. `countsAsAttempt` is false for a rate limit, which says nothing about
    /// the message.
    case retry(at: Date, error: String, countsAsAttempt: Bool, outcome: AttemptOutcome)
    /// `sending → dead`: given up, with the reason.
    case dead(reason: String, outcome: AttemptOutcome)
    /// `sending → queued | retrying`: the attempt never started (Ctrl-C before the request left); not counted.
    case release

    /// The state the row ends in.
    public var resultingState: OutboxState {
        switch self {
        case .sent: .sent
        case .retry: .retrying
        case .dead: .dead
        case .release: .queued
        }
    }

    /// How the attempt ended, as the attempt log records it (a release, which was no attempt, as `transient`).
    public var attemptOutcome: AttemptOutcome {
        switch self {
        case .sent(_, _, let duplicate, _): duplicate ? .duplicate : .delivered
        case .retry(_, _, _, let outcome), .dead(_, let outcome): outcome
        case .release: .transient
        }
    }
}

/// How one attempt ended, as written in the outbox's attempt log.
public enum AttemptOutcome: String, Sendable, Hashable, Codable, CaseIterable {
    /// The platform accepted the message.
    case delivered
    /// The platform already had it (a retry of a message that had gone out).
    case duplicate
    /// The account hit a rate limit.
    case rateLimited = "rate-limited"
    /// A failure that may pass (5xx, network); the request may or may not have reached the server.
    case transient
    /// A failure retrying cannot fix.
    case permanent
    /// The process sending it stopped before recording the result (its lease expired or it died).
    case leaseExpired = "lease-expired"
    /// The campaign's sending window ended before the message could go.
    case windowEnded = "window-ended"
}

/// One claimed row's transition, addressed by row id.
public struct RecordedTransition: Sendable, Hashable {
    /// The row's id in the outbox.
    public var messageID: Int64
    /// The state it moves to, with what the attempt left (post URL, error, reason).
    public var transition: OutboxTransition
    /// When the attempt started (for the log).
    public var startedAt: Date

    /// The transition of row `messageID`, whose attempt started at `startedAt`.
    public init(messageID: Int64, transition: OutboxTransition, startedAt: Date) {
        self.messageID = messageID
        self.transition = transition
        self.startedAt = startedAt
    }
}
