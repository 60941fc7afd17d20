import Foundation
import Testing
@testable import Cartable

/// The campaign file's `web:` key (the supporters' page): read, defaulted, and checked at `line:column`.
@Suite("Campaign files: web")
struct WebSettingsTests {
    /// `valid.yml`'s text with `web` appended, parsed against the fixtures' folder.
    func parse(web: String) throws -> CampaignFile {
        let base = try String(contentsOf: Fixtures.url("campaigns/valid.yml"), encoding: .utf8)
        return CampaignFile.parse(yaml: base + "\n" + web + "\n", path: "web.yml", folder: Fixtures.url("campaigns/valid.yml").deletingLastPathComponent())
    }

    @Test func withoutWebTheDefaultsHold() throws {
        let campaign = try #require(loadCampaign("valid.yml").campaign)
        #expect(campaign.web == .default)
        #expect(campaign.web.sendThroughCampaign == false)
        #expect(campaign.web.limits.sendsPerHour == 10)
    }

    @Test func everyKeyIsRead() throws {
        let file = try parse(web: """
            web:
              intro: |
                Écrivez-leur.

                Vite.
              send_through_campaign: true
              embed_origins: [https://Partner.example/, "http://localhost:8000"]
              limits: {sends_per_hour: 3, sends_per_hour_per_network: 30, measures_per_minute: 20, measures_per_minute_per_network: 200}
            """)
        #expect(file.diagnostics.isEmpty, "\(file.diagnostics)")
        let web = try #require(file.campaign?.web)
        #expect(web.intro == "Écrivez-leur.\n\nVite.")
        #expect(web.sendThroughCampaign)
        #expect(web.embedOrigins == ["https://partner.example", "http://localhost:8000"])
        #expect(web.limits == WebSettings.RequestLimits(sendsPerHour: 3, sendsPerHourPerNetwork: 30, measuresPerMinute: 20, measuresPerMinutePerNetwork: 200))
    }

    @Test func mistakesAreReportedWhereTheyAre() throws {
        let file = try parse(web: """
            web:
              send_through_campaign: perhaps
              embed_origins: [https://partner.example/page, "javascript:alert(1)"]
              limits: {sends_per_hour: 0}
              intro_text: x
            """)
        #expect(file.campaign == nil)
        let messages = file.diagnostics.map(\.message)
        #expect(messages.contains("web.send_through_campaign must be true or false, found 'perhaps'") || messages.contains { $0.hasPrefix("web.send_through_campaign must be true or false") })
        #expect(messages.contains("'https://partner.example/page' is not an origin"))
        #expect(messages.contains("'javascript:alert(1)' is not an origin"))
        #expect(messages.contains { $0.contains("sends_per_hour") })
        #expect(messages.contains { $0.contains("intro_text") }, "an unknown key under web")
        #expect(file.diagnostics.allSatisfy { $0.line != nil })
    }

    @Test func aNetworkLimitBelowItsAddressLimitIsAWarning() throws {
        let file = try parse(web: "web: {limits: {sends_per_hour: 20, sends_per_hour_per_network: 5}}")
        #expect(file.campaign != nil, "\(file.diagnostics)")
        #expect(file.diagnostics.count == 1, "\(file.diagnostics)")
        #expect(file.diagnostics.first?.severity == .warning)
        #expect(file.diagnostics.first?.message == "a network may send fewer times (5) than one of its addresses (20)")
        let empty = try parse(web: "web: {intro: \"\"}")
        #expect(empty.campaign == nil, "an empty intro is an error")
        #expect(empty.diagnostics.map(\.message) == ["web.intro is empty"])
    }
}
