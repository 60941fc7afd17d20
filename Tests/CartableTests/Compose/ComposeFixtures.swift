import Foundation
import Testing
@testable import Cartable

/// Campaigns for composer tests: written inline, or the shipped ones with their lists.
enum ComposeFixtures {
    /// A campaign from YAML text, its recipient paths resolved in the campaign fixtures folder.
    static func campaign(_ yaml: String) throws -> Campaign {
        let file = CampaignFile.parse(yaml: yaml, path: "inline.yml", folder: Fixtures.url("campaigns"))
        #expect(file.diagnostics.errors.isEmpty, "\(file.diagnostics)")
        return try #require(file.campaign)
    }

    /// A campaign with `templates` (YAML list items) for the twitter channel, 140 characters, with link and hashtags.
    static func campaign(templates: String, extra: String = "") throws -> Campaign {
        try campaign("""
            id: compose-test
            title: Test
            organiser: Cartable
            language: fr
            link: https://example.org/cause
            hashtags: [ESS, Test]
            recipients: deputies.csv
            \(extra)
            templates:
            \(templates)
            """)
    }

    /// A shipped campaign and its targets, in list order.
    static func shipped(_ name: String) throws -> (campaign: Campaign, targets: [Recipient]) {
        let file = CampaignFile.load(contentsOf: RepositoryFiles.url("Campaigns/" + name), displayPath: name)
        let campaign = try #require(file.campaign)
        let list = try RecipientList.load(contentsOf: campaign.recipients.url, mapping: campaign.recipients.mapping)
        return (campaign, campaign.targets.select(from: list.recipients))
    }

    /// `count` recipients of `group`, each with a handle, named and numbered.
    static func recipients(_ count: Int, group: String = "SOC", handlePrefix: String = "dep") -> [Recipient] {
        (0..<count).map { index in
            Recipient(id: "\(group)-\(index)", name: "Député \(index)", twitter: "\(handlePrefix)\(index)", group: group,
                      department: "91", departmentName: "Essonne", constituency: index % 10 + 1)
        }
    }
}
