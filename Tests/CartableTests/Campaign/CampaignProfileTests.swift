import Foundation
import Testing
@testable import Cartable

@Suite("Campaign profile and recipients")
struct CampaignProfileTests {
    static func parse(_ profileLine: String, channel: String = "mastodon") -> CampaignFile {
        let yaml = """
            id: p
            title: T
            organiser: O
            language: fr
            channel: \(channel)
            \(profileLine)
            recipients: deputies.csv
            templates:
              - text: "Bonjour {{name}}"
            """
        return CampaignFile.parse(yaml: yaml, path: "p.yml", folder: Fixtures.url("campaigns"))
    }

    @Test func theCampaignCarriesItsResolvedProfile() throws {
        let limited = try #require(loadCampaign("mastodon-limit.yml").campaign)
        #expect(limited.profile == .mastodon(limit: 60))
        #expect(limited.profile.maxLength == 60)
        #expect(try #require(Self.parse("profile: bluesky", channel: "bluesky").campaign).profile == .bluesky)
        #expect(try #require(Self.parse("profile: mastodon").campaign).profile == .mastodon())
    }

    @Test func anUnknownProfileIsALoadErrorAtItsName() {
        let file = Self.parse("profile: {name: mastodn, limit: 1000}")
        #expect(file.campaign == nil)
        #expect(file.diagnostics.errors.map(\.headline) == ["p.yml:6:17: error: unknown length profile 'mastodn'"])
        #expect(file.diagnostics.errors.first?.hint?.hasPrefix("did you mean 'mastodon'?") == true)
    }

    @Test func aLimitOnAFixedProfileIsALoadError() {
        let file = Self.parse("profile: {name: bluesky, limit: 1000}", channel: "bluesky")
        #expect(file.campaign == nil)
        #expect(file.diagnostics.errors.first?.message.hasPrefix("only the mastodon profile takes a limit") == true)
    }

    @Test func recipientsLoadWithTheirOverridesAndTheirDiagnostics() throws {
        let campaign = try #require(loadCampaign("with-overrides.yml").campaign)
        let loaded = CampaignRecipients(loading: campaign)
        let list = try #require(loaded.list)
        #expect(loaded.diagnostics == list.diagnostics)
        let plain = try RecipientList.load(contentsOf: campaign.recipients.url)
        #expect(list.recipients != plain.recipients, "the overrides changed something")
    }

    @Test func anUnreadableRecipientFileIsAnErrorAtTheRecipientsKey() throws {
        var campaign = try #require(loadCampaign("valid.yml").campaign)
        campaign.recipients.url = URL(fileURLWithPath: "/nonexistent/list.csv")
        let loaded = CampaignRecipients(loading: campaign)
        #expect(loaded.list == nil)
        #expect(loaded.diagnostics.count == 1)
        #expect(loaded.diagnostics.first?.message.hasPrefix("cannot read recipient file 'deputies.csv'") == true)
        #expect(loaded.diagnostics.first?.line == campaign.recipients.location?.line)
    }
}
