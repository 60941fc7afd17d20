import Foundation
import Testing
@testable import Cartable

/// The campaign of the supporter-flow tests (`Fixtures/campaigns/write.yml`) with its list and targets.
enum SupporterFixtures {
    static func audience(_ name: String = "write.yml") throws -> CampaignAudience {
        let file = CampaignFile.load(contentsOf: Fixtures.url("campaigns/" + name), displayPath: name)
        #expect(file.diagnostics.errors.isEmpty, "\(file.diagnostics)")
        let campaign = try #require(file.campaign)
        let (audience, diagnostics) = CampaignAudience.load(campaign)
        #expect(diagnostics.errors.isEmpty, "\(diagnostics)")
        return try #require(audience)
    }

    /// The shipped 2026 campaign on the 577 deputies of 2024.
    static func shipped() throws -> CampaignAudience {
        let file = CampaignFile.load(contentsOf: RepositoryFiles.url("Campaigns/ess-2026.yml"), displayPath: "ess-2026.yml")
        let campaign = try #require(file.campaign)
        return try #require(CampaignAudience.load(campaign).audience)
    }

    static func supporter(_ id: String) throws -> SupporterID {
        try #require(SupporterID(id))
    }
}
