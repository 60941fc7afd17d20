import Foundation
import Testing
@testable import Cartable

/// Loads `campaigns/<name>` from the fixtures, naming it by its file name in diagnostics.
func loadCampaign(_ name: String) -> CampaignFile {
    CampaignFile.load(contentsOf: Fixtures.url("campaigns/" + name), displayPath: name)
}

@Suite("Campaign files")
struct CampaignFileTests {
    @Test func aValidCampaignLoadsWithEverySetting() throws {
        let file = loadCampaign("valid.yml")
        #expect(file.diagnostics.isEmpty, "\(file.diagnostics)")
        let campaign = try #require(file.campaign)
        #expect(campaign.id == "test-campaign")
        #expect(campaign.hashtags == ["ESS", "Test"])
        #expect(campaign.channel == .twitter)
        #expect(campaign.profile == .twitterClassic)
        #expect(campaign.addressing == .dotMention)
        #expect(campaign.recipients.url.lastPathComponent == "deputies.csv")
        #expect(campaign.targets == TargetSelector(all: true, exclude: RecipientFilter(ids: ["D2"])))
        #expect(campaign.templates.map(\.id) == ["droite", "reste"])
        #expect(campaign.templates[0].segment == RecipientFilter(groups: ["DR"]))
        #expect(campaign.templates[0].location.line == 16)
        #expect(campaign.sending.perRecipientPerHour == 1)
        #expect(campaign.sending.perRecipientPerDay == 2)
        #expect(campaign.sending.from == "08:30")
        #expect(campaign.sending.windowEnd == "2026-04-15T18:00")
    }

    @Test func unknownKeyIsAnErrorWithTheLikelyKey() {
        let file = loadCampaign("unknown-key.yml")
        #expect(file.campaign == nil)
        #expect(file.diagnostics.map(\.headline) == ["unknown-key.yml:6:1: error: unknown key 'templtes' in the campaign file"])
        #expect(file.diagnostics.first?.hint?.hasPrefix("did you mean 'templates'?") == true)
        #expect(!file.isUnreadable)
    }

    @Test func yamlSyntaxErrorsMakeTheFileUnreadable() {
        let file = loadCampaign("bad-yaml.yml")
        #expect(file.isUnreadable)
        #expect(file.diagnostics.count == 1)
        #expect(file.diagnostics.first?.message.hasPrefix("YAML syntax:") == true)
        #expect(file.diagnostics.first?.line != nil)
    }

    @Test func everyWrongTypeIsReportedAtItsValue() {
        let file = loadCampaign("wrong-types.yml")
        #expect(file.campaign == nil)
        let positions = file.diagnostics.map { "\($0.line ?? 0):\($0.column ?? 0)" }
        #expect(positions == ["1:5", "2:8", "4:11", "5:7", "6:11", "7:10", "11:12", "14:15", "16:11", "17:16"])
        #expect(file.diagnostics.allSatisfy { $0.severity == .error })
        #expect(file.diagnostics.contains { $0.message == "title must be a text, found a list" })
        #expect(file.diagnostics.contains { $0.message == "per_hour must be a whole number, found 'often'" })
        #expect(file.diagnostics.contains { $0.hint?.contains("did you mean 'twitter'?") == true })
    }

    @Test func missingRequiredKeysAreEachReported() {
        let file = loadCampaign("missing-keys.yml")
        #expect(file.diagnostics.map(\.message) == [
            "missing required key 'title'", "missing required key 'organiser'", "missing required key 'templates'",
        ])
    }

    @Test func unknownPlaceholdersPointAtTheTagInTheFile() {
        let file = loadCampaign("unknown-placeholder.yml")
        let headlines = file.diagnostics.map(\.headline)
        #expect(headlines == [
            "unknown-placeholder.yml:8:20: error: template 'un': unknown placeholder '{{nmae}}'",
            "unknown-placeholder.yml:12:7: error: template 'deux': unknown placeholder '{{#circo}}'",
            "unknown-placeholder.yml:12:33: error: template 'deux': unknown placeholder '{{circo}}'",
            "unknown-placeholder.yml:12:53: error: template 'deux': '{{name}' is never closed with '}}'",
        ])
        #expect(file.diagnostics.first?.hint?.hasPrefix("did you mean '{{name}}'?") == true)
    }

    @Test func aMissingRecipientFileIsAnErrorAtItsPath() {
        let file = loadCampaign("missing-recipients.yml")
        #expect(file.diagnostics.map(\.headline) == [
            "missing-recipients.yml:6:9: error: recipient file '../recipients/absent.csv' does not exist (looked for ../recipients/absent.csv)",
        ])
    }

    @Test func inlineAddressingNeedsTheHandleAndOtherChannelsNeedAProfile() {
        let file = loadCampaign("inline-without-handle.yml")
        #expect(file.diagnostics.count == 2)
        #expect(file.diagnostics.contains { $0.message.contains("needs a length profile") })
        #expect(file.diagnostics.contains { $0.message.contains("never mentions its recipient") && $0.line == 9 })
    }

    @Test func everyProblemOfAFileIsReportedNotJustTheFirst() {
        let yaml = """
            id: x
            title: t
            organiser: o
            language: fr
            recipients: nowhere.csv
            templates:
              - text: "{{nom}}"
              - txt: "oops"
            sending:
              per_recipient: {per_hour: 5, per_day: 2}
            """
        let file = CampaignFile.parse(yaml: yaml, path: "inline.yml", folder: URL(fileURLWithPath: "/nonexistent"))
        let lines = file.diagnostics.map { $0.line ?? 0 }
        #expect(lines == [5, 7, 8, 8, 10], "\(file.diagnostics.map(\.headline))")
    }

    @Test(arguments: [
        "window: {start: T}", "window: {start: \"2012-07-02T\"}", "window: {start: \"-\"}", "hours: {from: \":\"}",
        "hours: {to: \"25:00\"}", "per_recipient: {per_hour: -1}", "per_recipient: {per_day: 99999999999999999999}",
        "per_recipient: [1, 2]", "window: 3", "hours: {from: {a: b}}",
    ])
    func oddSendingValuesAreErrorsNotCrashes(sending: String) {
        let yaml = "id: x\ntitle: t\norganiser: o\nlanguage: fr\nrecipients: x.csv\ntemplates: [a]\nsending:\n  \(sending)\n"
        let file = CampaignFile.parse(yaml: yaml, path: "odd.yml", folder: URL(fileURLWithPath: "/nonexistent"))
        let sendingErrors = file.diagnostics.errors.filter { ($0.line ?? 0) >= 8 }
        #expect(sendingErrors.count == 1, "\(file.diagnostics.map(\.headline))")
    }

    @Test(arguments: ["", "[]", "- a\n- b", "just text", "a: [", "{{name}}: x", "? [a]\n: b", "id: &a x\ntitle: *a"])
    func oddDocumentsNeverCrash(yaml: String) {
        let file = CampaignFile.parse(yaml: yaml, path: "odd.yml", folder: URL(fileURLWithPath: "/nonexistent"))
        #expect(file.campaign == nil)
        #expect(file.diagnostics.containsErrors)
    }

    @Test func fallbacksOptionalPartsAndSeed() throws {
        let yaml = """
            id: c
            title: T
            organiser: O
            language: fr
            recipients: deputies.csv
            seed: 7
            templates:
              - id: a
                text: "Bonjour {{name}}{{#optional}}, merci{{/optional}}"
              - id: b
                fallback: true
                text: "Bonjour"
            """
        let file = CampaignFile.parse(yaml: yaml, path: "c.yml", folder: Fixtures.url("campaigns"))
        #expect(file.diagnostics.isEmpty, "\(file.diagnostics)")
        let campaign = try #require(file.campaign)
        #expect(campaign.seed == 7)
        #expect(campaign.templates.map(\.isFallback) == [false, true])

        let misuse = yaml.replacingOccurrences(of: "{{#optional}}, merci{{/optional}}", with: " {{optional}} {{^optional}}x{{/optional}}")
            .replacingOccurrences(of: "seed: 7", with: "seed: -1")
        let bad = CampaignFile.parse(yaml: misuse, path: "c.yml", folder: Fixtures.url("campaigns"))
        #expect(bad.campaign == nil)
        let messages = bad.diagnostics.map(\.headline)
        #expect(messages.contains("c.yml:9:29: error: template 'a': '{{optional}}' can only open a part that may be left out"))
        #expect(messages.contains("c.yml:9:42: error: template 'a': '{{^optional}}' can only open a part that may be left out"))
        #expect(messages.contains { $0.hasPrefix("c.yml:6:7: error: seed") }, "\(messages)")
    }
}
