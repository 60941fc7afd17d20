/// Which due rows a claim may take.
public struct ClaimFilter: Sendable, Hashable {
    /// Only the rows of these channels, by name (`nil`: every channel).
    public var channels: Set<String>?
    /// Only the rows of these campaigns, by id (`nil`: every campaign). Paused campaigns are skipped whatever this says.
    public var campaigns: Set<String>?
    /// Leave these campaigns' rows alone (outside their sending hours or before their window), except rows on a
    /// channel that reaches no one.
    public var closedCampaigns: Set<String>
    /// Per campaign, the per-recipient caps to keep (rows on a channel that reaches no one are not capped).
    public var caps: [String: RecipientCaps]

    /// A filter; the defaults take every due row.
    public init(
        channels: Set<String>? = nil, campaigns: Set<String>? = nil, closedCampaigns: Set<String> = [], caps: [String: RecipientCaps] = [:]
    ) {
        self.channels = channels
        self.campaigns = campaigns
        self.closedCampaigns = closedCampaigns
        self.caps = caps
    }
}
