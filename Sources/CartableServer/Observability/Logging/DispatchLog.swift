import Cartable
import Foundation
import Logging

/// What a ``Dispatcher`` reports, as log lines: one per delivery outcome (`info` sent, `notice` retrying, `warning`
/// dead), with the message's id, campaign, recipient, channel, attempt, outcome and reason as metadata; rate-limit
/// pauses, recovered leases, closed hours and ended windows at `notice`; an outbox out of reach at `error`, back at
/// `notice`; claims at `trace`. Reasons are the platforms' words after ``Redaction`` (no token, no webhook path).
public struct DispatchLog: Sendable {
    let logger: Logger

    /// Lines through `logger`.
    public init(logger: Logger) {
        self.logger = logger
    }

    /// Logs `event` (progress reports are not logged: the metrics count).
    public func log(_ event: DispatchEvent) {
        switch event {
        case .sent(let outcome, let postID, _, let duplicate):
            var metadata = Self.metadata(outcome)
            if let postID { metadata["post_id"] = .string(postID) }
            logger.info("message \(outcome.id) \(duplicate ? "was already" : "sent") on \(outcome.channel)", metadata: metadata)
        case .retrying(let outcome, let at, let error):
            var metadata = Self.metadata(outcome)
            metadata["reason"] = .string(error)
            metadata["retry_at"] = .string(logTimestamp(at))
            logger.notice("message \(outcome.id) on \(outcome.channel) will be retried: \(error)", metadata: metadata)
        case .dead(let outcome, let reason):
            var metadata = Self.metadata(outcome)
            metadata["reason"] = .string(reason)
            logger.warning("message \(outcome.id) on \(outcome.channel) failed for good: \(reason)", metadata: metadata)
        case .paused(let account, let until, let reason):
            logger.notice("\(account) rate limited, paused until \(logTimestamp(until))",
                          metadata: ["account": .string(account), "until": .string(logTimestamp(until)), "reason": .string(reason)])
        case .recovered(let count):
            logger.notice("\(count) message(s) left in flight by a stopped sender taken back", metadata: ["count": .stringConvertible(count)])
        case .windowEnded(let campaign, let count):
            logger.notice("\(campaign): sending window over, \(count) waiting message(s) marked dead",
                          metadata: ["campaign": .string(campaign), "count": .stringConvertible(count)])
        case .waitingForHours(let campaign, let until):
            logger.notice("\(campaign): outside its sending hours until \(logTimestamp(until))",
                          metadata: ["campaign": .string(campaign), "until": .string(logTimestamp(until))])
        case .outboxUnavailable(let location, let error):
            logger.error("the outbox is out of reach: \(error)", metadata: ["outbox": .string(location), "reason": .string(error)])
        case .outboxReconnected(let location, let after, let released):
            logger.notice("the outbox is back after \(String(format: "%.1f", after)) s",
                          metadata: ["outbox": .string(location), "seconds": .stringConvertible((after * 10).rounded() / 10),
                                     "released": .stringConvertible(released)])
        case .stopping(let inFlight, let interrupted):
            logger.notice("stopping: finishing \(inFlight) request(s) in flight",
                          metadata: ["in_flight": .stringConvertible(inFlight), "interrupted": .stringConvertible(interrupted)])
        case .claimed(let channel, let count, let duration):
            logger.trace("claimed \(count) message(s) on \(channel)",
                         metadata: ["channel": .string(channel), "count": .stringConvertible(count),
                                    "duration_ms": .stringConvertible((duration * 10_000).rounded() / 10)])
        case .progress:
            break
        }
    }

    private static func metadata(_ outcome: DispatchEvent.MessageOutcome) -> Logger.Metadata {
        [
            "message_id": .stringConvertible(outcome.id), "campaign": .string(outcome.campaignID),
            "recipient": .string(outcome.recipientID), "channel": .string(outcome.channel),
            "attempt": .stringConvertible(outcome.attempt), "outcome": .string(outcome.result.rawValue),
        ]
    }
}
