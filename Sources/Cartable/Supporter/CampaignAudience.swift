import Foundation

/// A campaign with its recipient list (overrides applied) and the targets it selects: what `cartable write`
/// chooses from.
public struct CampaignAudience: Sendable {
    /// The campaign.
    public var campaign: Campaign
    /// The whole list.
    public var list: RecipientList
    /// The recipients the campaign targets, in list order (reachable or not on its channel).
    public var targets: [Recipient]

    /// Loads the recipient list of `campaign` as `lint` does; `nil` with the diagnostics when it cannot be read.
    /// The list's own warnings and errors are returned either way.
    public static func load(_ campaign: Campaign, displayPath: String) -> (audience: CampaignAudience?, diagnostics: [Diagnostic]) {
        var report = CampaignLint.Report(campaign: displayPath)
        guard let list = CampaignLint.loadRecipients(campaign, into: &report) else { return (nil, report.diagnostics) }
        let audience = CampaignAudience(campaign: campaign, list: list, targets: campaign.targets.select(from: list.recipients))
        return (audience, report.diagnostics)
    }

    /// A choice among the targets.
    public var choice: RecipientChoice { RecipientChoice(targets: targets, everyone: list.recipients) }
}
