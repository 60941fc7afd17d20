import Foundation

/// A campaign whose sending is paused: every sender leaves its rows queued until it is resumed
/// (``Outbox/pause(campaignID:now:)``, ``Outbox/resume(campaignID:)``).
public struct PausedCampaign: Sendable, Hashable, Encodable {
    /// The campaign's id.
    public var campaignID: String
    /// When it was paused.
    public var pausedAt: Date
    /// Its messages waiting (queued or retrying): they go once it is resumed.
    public var waiting: Int

    /// A paused campaign.
    public init(campaignID: String, pausedAt: Date, waiting: Int = 0) {
        self.campaignID = campaignID
        self.pausedAt = pausedAt
        self.waiting = waiting
    }
}
