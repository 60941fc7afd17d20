import Foundation

/// A campaign with its recipient list (overrides applied) and the targets it selects: what a supporter chooses
/// whom to write to from.
public struct CampaignAudience: Sendable {
    /// The campaign whose targets these are.
    public var campaign: Campaign
    /// The whole list, overrides applied.
    public var list: RecipientList
    /// The recipients the campaign targets, in list order (reachable or not on its channel).
    public var targets: [Recipient]

    /// Loads the recipient list of `campaign` as ``CampaignRecipients`` does; `nil` with the diagnostics when it
    /// cannot be read. The list's own warnings and errors are returned either way.
    public static func load(_ campaign: Campaign) -> (audience: CampaignAudience?, diagnostics: [Diagnostic]) {
        let recipients = CampaignRecipients(loading: campaign)
        guard let list = recipients.list else { return (nil, recipients.diagnostics) }
        let audience = CampaignAudience(campaign: campaign, list: list, targets: campaign.targets.select(from: list.recipients))
        return (audience, recipients.diagnostics)
    }

    /// The targets to choose from, with the whole list to fall back on.
    public var choice: RecipientChoice { RecipientChoice(targets: targets, everyone: list.recipients) }
}
