import Foundation
import Testing
@testable import Cartable

/// Runs previews of fixture and shipped campaigns in memory.
enum PreviewFixtures {
    /// A campaign of the fixtures folder, its composer and its whole recipient list.
    static func fixture(_ name: String) throws -> (composer: Composer, recipients: [Recipient]) {
        let campaign = try #require(CampaignFile.load(contentsOf: Fixtures.url("campaigns/" + name), displayPath: name).campaign)
        let list = try RecipientList.load(contentsOf: campaign.recipients.url, mapping: campaign.recipients.mapping)
        return (Composer(campaign: campaign), list.recipients)
    }

    /// A shipped campaign, its composer and its whole recipient list.
    static func shipped(_ name: String) throws -> (composer: Composer, recipients: [Recipient]) {
        let campaign = try #require(CampaignFile.load(contentsOf: RepositoryFiles.url("Campaigns/" + name), displayPath: name).campaign)
        let list = try RecipientList.load(contentsOf: campaign.recipients.url, mapping: campaign.recipients.mapping)
        return (Composer(campaign: campaign), list.recipients)
    }

    /// The whole document a preview writes in `format`, with its summary.
    static func render(_ composer: Composer, _ recipients: [Recipient], _ format: PreviewFormat,
                       options: PreviewOptions = PreviewOptions()) -> (text: String, summary: PreviewSummary) {
        var renderer = PreviewRenderer(format: format, campaign: composer.campaign)
        var text = renderer.begin()
        let summary = PreviewRun.run(composer, recipients: recipients, options: options) { text += renderer.add($0) }
        text += renderer.end(summary)
        return (text, summary)
    }
}
