import Foundation

/// A campaign with its recipient list (overrides applied) and the targets it selects: what a supporter chooses
/// whom to write to from.
public struct CampaignAudience: Sendable {
    /// The campaign whose targets these are.
    public let campaign: Campaign
    /// The whole list, overrides applied.
    public let list: RecipientList
    /// The recipients the campaign targets, in list order (reachable or not on its channel).
    public let targets: [Recipient]
    /// The targets to choose from, with the whole list to fall back on: made once, so that every query reuses the
    /// names it folded.
    public let choice: RecipientChoice

    /// The audience `targets` of `campaign` in `list`.
    public init(campaign: Campaign, list: RecipientList, targets: [Recipient]) {
        self.campaign = campaign
        self.list = list
        self.targets = targets
        choice = RecipientChoice(targets: targets, everyone: list.recipients)
    }

    /// Loads the recipient list of `campaign` as ``CampaignRecipients`` does; `nil` with the diagnostics when it
    /// cannot be read. The list's own warnings and errors are returned either way.
    public static func load(_ campaign: Campaign) -> (audience: CampaignAudience?, diagnostics: [Diagnostic]) {
        let recipients = CampaignRecipients(loading: campaign)
        guard let list = recipients.list else { return (nil, recipients.diagnostics) }
        let audience = CampaignAudience(campaign: campaign, list: list, targets: campaign.targets.select(from: list.recipients))
        return (audience, recipients.diagnostics)
    }
}
