import Foundation
import Testing
@testable import Cartable

/// Issue 17, items 1 and 12: nesting too deep for the composer's recursion, and aliases that repeat a large value,
/// are refused at the spot before the YAML is composed.
@Suite("YAML bounds")
struct YAMLBoundsTests {
    /// A campaign whose `hashtags:` is `value`, everything else valid.
    static func campaign(hashtags value: String) -> String {
        """
        id: deep
        title: Profonde
        organiser: Cartable
        language: fr
        hashtags: \(value)
        recipients: deputies.csv
        templates:
          - text: "Bonjour {{name}}"

        """
    }

    static func parse(_ text: String) -> CampaignFile {
        CampaignFile.parse(yaml: text, path: "deep.yml", folder: Fixtures.url("campaigns"))
    }

    @Test("50,000 nested [ in a campaign: a located error, no stack overflow")
    func deepFlowNestingIsRefusedWhereItPassesTheBound() throws {
        let file = Self.parse(Self.campaign(hashtags: String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000)))
        #expect(file.campaign == nil)
        #expect(file.isUnreadable)
        let error = try #require(file.diagnostics.first)
        #expect(file.diagnostics.count == 1)
        #expect(error.line == 5)
        #expect(error.column == 11 + 63, "at the 64th bracket: with the file's own mapping, the 65th level")
        #expect(error.message.contains("nested more than 64 deep"))
    }

    @Test("block nesting counts too: 30,000 nested lists written `- - - …`")
    func deepBlockNestingIsRefused() throws {
        let file = Self.parse(Self.campaign(hashtags: "\n  " + String(repeating: "- ", count: 30_000) + "ESS"))
        #expect(file.isUnreadable)
        #expect(file.diagnostics.map(\.line) == [6])
        #expect(file.diagnostics.first?.message.contains("nested more than 64 deep") == true)
    }

    @Test("an overrides file nested 100,000 deep: the same located error")
    func deepOverridesAreRefused() throws {
        let text = "D1:\n  twitter: " + String(repeating: "{a: ", count: 100_000) + "x" + String(repeating: "}", count: 100_000) + "\n"
        let (overrides, diagnostics) = RecipientOverrides.parse(yaml: text, path: "overrides.yml")
        #expect(overrides.entries.isEmpty)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.headline.hasPrefix("overrides.yml:2:") == true)
        #expect(diagnostics.first?.message.contains("nested more than 64 deep") == true)
    }

    @Test("the nesting a campaign needs is well within the bound")
    func ordinaryNestingIsKept() throws {
        let nested = String(repeating: "[", count: 60) + "ESS" + String(repeating: "]", count: 60)
        let file = Self.parse(Self.campaign(hashtags: nested))
        #expect(!file.diagnostics.contains { $0.message.contains("nested more than") })
    }

    @Test("aliases repeating a 100 KiB value 20 times: refused once, at the alias that passes 1 MiB")
    func aliasesThatRepeatTooMuchAreRefused() throws {
        let big = String(repeating: "ab ", count: 100 * 1024 / 3)
        let aliases = (1...20).map { _ in "*big" }.joined(separator: ", ")
        let start = Date()
        let file = Self.parse(Self.campaign(hashtags: "[&big \"\(big)\", \(aliases)]"))
        #expect(Date().timeIntervalSince(start) < 10)
        #expect(file.isUnreadable)
        #expect(file.diagnostics.count == 1)
        let error = try #require(file.diagnostics.first)
        #expect(error.line == 5)
        #expect(error.message.contains("aliases (*name) repeat more than 1024 KiB"))
    }

    @Test("a billion laughs stops at the bound, in no time")
    func nestedAliasesAreCountedExpanded() throws {
        var lines = ["a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]"]
        for (index, name) in ["b", "c", "d", "e", "f", "g", "h", "i"].enumerated() {
            let previous = ["a", "b", "c", "d", "e", "f", "g", "h"][index]
            lines.append("\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]")
        }
        let (_, diagnostics) = RecipientOverrides.parse(yaml: lines.joined(separator: "\n") + "\n", path: "laughs.yml")
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.message.contains("aliases (*name) repeat more than") == true)
    }

    @Test("a bad value repeated by aliases is reported once")
    func aValueRepeatedByAliasesIsReportedOnce() throws {
        let file = Self.parse(Self.campaign(hashtags: "[&bad \"pas un hashtag\", *bad, *bad, *bad]"))
        let reports = file.diagnostics.filter { $0.message.contains("'pas un hashtag' is not a hashtag") }
        #expect(reports.count == 1, "\(file.diagnostics.map(\.headline))")
    }
}
