/// What ``Outbox/pause(campaignID:now:)`` or ``Outbox/resume(campaignID:)`` did.
public enum PauseChange: Sendable, Hashable {
    /// The campaign is now paused (or, for a resume, sending again).
    case changed
    /// The campaign was already in that state: nothing changed.
    case unchanged
    /// The outbox has no row and no pacing for that campaign: nothing changed.
    case unknownCampaign
}
