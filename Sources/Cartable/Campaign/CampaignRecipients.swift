import Foundation

/// A campaign's recipient list read whole, its overrides applied, with what reading it found: the list both
/// ``CampaignLint`` checks and ``CampaignAudience`` chooses from.
public struct CampaignRecipients: Sendable {
    /// The list with the overrides applied; `nil` when the recipient file cannot be read.
    public var list: RecipientList?
    /// The list's and the overrides' warnings and errors, or why the recipient file cannot be read (an error at
    /// the `recipients` key).
    public var diagnostics: [Diagnostic]

    /// Reads the recipient list `campaign` names, then its overrides file if it gives one.
    public init(loading campaign: Campaign) {
        let source = campaign.recipients
        var list: RecipientList
        do {
            list = try RecipientList.load(contentsOf: source.url, displayPath: source.displayPath, mapping: source.mapping)
        } catch {
            let at = source.location ?? campaign.locations.file
            self.list = nil
            diagnostics = [Diagnostic(.error, at: at, message: "cannot read recipient file '\(source.file)': \(error.reason)")]
            return
        }
        if let overridesURL = source.overrides {
            do {
                let (overrides, found) = try RecipientOverrides.load(contentsOf: overridesURL, displayPath: source.overridesDisplayPath)
                list.diagnostics += found
                overrides.apply(to: &list)
            } catch {
                list.diagnostics.append(error.diagnostic)
            }
        }
        self.list = list
        diagnostics = list.diagnostics
    }
}
