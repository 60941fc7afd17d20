import Cartable
import Foundation

extension CartableMetrics {
    /// What a scrape reads from the outbox, shared by every sender and server on it: its rows by channel and state
    /// (what `cartable status` counts), and per campaign its rows by state, the recipients reached (at least one
    /// message sent), the recipients targeted when the campaign file is known (`targeted`: serve's campaigns), the
    /// wait of its oldest waiting message, and whether it is paused.
    ///
    /// - Parameter campaigns: the campaigns to describe; `nil`: every campaign whose pacing the outbox keeps.
    /// - Throws: what the outbox throws; the gauges keep their last values.
    public func refresh(from outbox: any Outbox, campaigns: [String]? = nil, targeted: [String: Int] = [:], now: Date = Date()) async throws {
        let whole = try await outbox.report(campaignID: nil, errorLimit: 0)
        for channel in whole.channels.keys.sorted() {
            let backlog = try await outbox.backlog(channels: [channel])
            for state in OutboxState.allCases {
                gauge(Name.messages, [("channel", channel), ("state", state.rawValue)]).record(backlog.states[state, default: 0])
            }
        }
        let ids: [String]
        if let campaigns {
            ids = campaigns
        } else {
            ids = try await outbox.pacing().map(\.campaignID)
        }
        let paused = Set(try await outbox.pausedCampaigns().map(\.campaignID))
        for id in ids {
            let report = try await outbox.report(campaignID: id, errorLimit: 0)
            for state in OutboxState.allCases {
                gauge(Name.campaignMessages, [("campaign", id), ("state", state.rawValue)]).record(report.states[state, default: 0])
            }
            gauge(Name.recipientsReached, [("campaign", id)]).record(report.recipients.filter(\.isReached).count)
            if let count = targeted[id] { gauge(Name.recipientsTargeted, [("campaign", id)]).record(count) }
            let waited = report.oldestWaiting.map { max(0, now.timeIntervalSince($0.queuedAt)) } ?? 0
            gauge(Name.oldestWaiting, [("campaign", id)]).record(waited)
            gauge(Name.campaignPaused, [("campaign", id)]).record(paused.contains(id) ? 1 : 0)
        }
    }
}
