/// The pace a campaign asked for, stored in the outbox by `cartable queue` so that `cartable send` can keep it
/// without the campaign file: the campaign's ``SendingLimits`` under its id.
public struct CampaignPacing: Sendable, Hashable {
    /// The id of the campaign whose rows these limits pace, as the rows' keys name it.
    public var campaignID: String
    /// Its caps, sending hours and window.
    public var limits: SendingLimits

    /// The pacing of a campaign.
    public init(campaignID: String, limits: SendingLimits) {
        self.campaignID = campaignID
        self.limits = limits
    }
}
