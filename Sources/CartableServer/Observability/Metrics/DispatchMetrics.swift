import Cartable
import Foundation

extension CartableMetrics {
    /// Counts what a ``Dispatcher`` reports: every attempt by channel and outcome (`delivered`, `duplicate`,
    /// `rate-limited`, `transient`, `permanent`), messages given up on, rate-limit pauses per account (and until
    /// when), and each claim's duration and rows.
    public func record(_ event: DispatchEvent) {
        switch event {
        case .sent(let outcome, _, _, _), .retrying(let outcome, _, _):
            counter(Name.deliveries, [("channel", outcome.channel), ("outcome", outcome.result.rawValue)]).increment()
        case .dead(let outcome, _):
            counter(Name.deliveries, [("channel", outcome.channel), ("outcome", outcome.result.rawValue)]).increment()
            counter(Name.dead, [("channel", outcome.channel)]).increment()
        case .paused(let account, let until, _):
            counter(Name.rateLimitPauses, [("account", account)]).increment()
            gauge(Name.pausedUntil, [("account", account)]).record(until.timeIntervalSince1970)
        case .claimed(let channel, let count, let duration):
            timer(Name.claimDuration, [("channel", channel)]).recordNanoseconds(Int64(max(0, duration) * 1e9))
            counter(Name.claimedRows, [("channel", channel)]).increment(by: count)
        case .recovered, .windowEnded, .waitingForHours, .outboxUnavailable, .outboxReconnected, .progress, .stopping:
            break
        }
    }
}
