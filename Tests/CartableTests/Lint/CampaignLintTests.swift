import Foundation
import Testing
@testable import Cartable

func lintCampaign(_ name: String) -> CampaignLint.Report {
    CampaignLint.run(contentsOf: Fixtures.url("campaigns/" + name), displayPath: name)
}

@Suite("Campaign lint")
struct CampaignLintTests {
    @Test func aValidCampaignComposesEveryVariantForEveryReachableTarget() throws {
        let report = lintCampaign("valid.yml")
        #expect(report.exitCode == 0, "\(report.diagnostics)")
        #expect(report.targets == 3, "D2 is excluded")
        #expect(report.reach == Reach(channel: .twitter, recipients: 3, reachable: 2))
        #expect(report.unreachable.map(\.id) == ["D3"])
        #expect(report.diagnostics.warnings.count == 1)
        #expect(report.messagesChecked == 2)
        let campaign = try #require(loadCampaign("valid.yml").campaign)
        let composer = Composer(campaign: campaign)
        let guedj = Recipient(id: "D1", name: "Jérôme Guedj", twitter: "JeromeGuedj", group: "SOC", department: "91", constituency: 6)
        #expect(campaign.variants(for: guedj).map(\.id) == ["reste"])
        #expect(composer.text(ofVariant: "reste", for: guedj)
            == ".@JeromeGuedj Bonjour Jérôme Guedj (91-6) du groupe SOC https://example.org/cause")
        let noGroup = Recipient(id: "X", name: "Sans Groupe", twitter: "x")
        #expect(composer.text(ofVariant: "reste", for: noGroup) == ".@x Bonjour Sans Groupe (-) https://example.org/cause")
        let right = Recipient(id: "D4", name: "A B", twitter: "ab", group: "DR", departmentName: "Réunion")
        #expect(campaign.variants(for: right).map(\.id) == ["droite"])
        #expect(composer.text(ofVariant: "droite", for: right) == ".@ab Madame, Monsieur, DR Réunion : https://example.org/cause #ESS #Test")
    }

    @Test func skipUnreachableCountsTargetsWithoutHandleInsteadOfWarning() {
        let report = lintCampaign("skip-unreachable.yml")
        #expect(report.exitCode == 0)
        #expect(report.unreachableSkipped)
        #expect(report.unreachable.map(\.id) == ["D3"], "still counted and listed")
        #expect(report.diagnostics.warnings.isEmpty)
        #expect(report.messagesChecked == 2)
    }

    @Test func anEmptyTargetSetIsAnError() {
        let report = lintCampaign("empty-targets.yml")
        #expect(report.exitCode == 1)
        #expect(report.diagnostics.map(\.headline) == ["empty-targets.yml:6:1: error: the targets select no recipient of deputies.csv (4 recipients)"])
    }

    @Test func groupsAndIdsTheListLacksAreErrors() {
        let report = lintCampaign("unknown-group.yml")
        #expect(report.exitCode == 1)
        let errors = report.diagnostics.errors
        #expect(errors.count == 2)
        #expect(errors[0].message == "targets: no recipient of deputies.csv is in group 'SCO'")
        #expect(errors[0].hint?.hasPrefix("did you mean 'SOC'?") == true)
        #expect(errors[1].message == "targets.exclude: no recipient of deputies.csv has id 'D9'")
    }

    @Test func recipientsNoTemplateCoversAreErrors() {
        let report = lintCampaign("segment-only.yml")
        #expect(report.exitCode == 1)
        #expect(report.diagnostics.errors.map(\.message) == ["2 targets match no template (Marie Curie (ECOS), Abdelkader Longnameson (DR))"])
        #expect(report.diagnostics.errors.first?.line == 6)
    }

    @Test func overridesFromTheCampaignApply() {
        let report = lintCampaign("with-overrides.yml")
        #expect(report.exitCode == 0, "\(report.diagnostics)")
        #expect(report.reach?.reachable == 4, "D3 got a handle from the overrides file")
    }

    @Test func explicitColumnsFromTheCampaign() {
        // columns.yml names ../recipients/custom-columns.csv, outside its folder: allowed as --allow-path would.
        let report = CampaignLint.run(contentsOf: Fixtures.url("campaigns/columns.yml"), displayPath: "columns.yml",
                                      access: CampaignFileAccess(allowing: [Fixtures.url("recipients")]))
        #expect(report.exitCode == 0, "\(report.diagnostics)")
        #expect(report.reach == Reach(channel: .twitter, recipients: 2, reachable: 1))
    }

    @Test func unreadableAndBrokenFilesGiveTheirExitCodes() {
        #expect(lintCampaign("bad-yaml.yml").exitCode == 2)
        #expect(lintCampaign("does-not-exist.yml").exitCode == 2)
        #expect(lintCampaign("unknown-key.yml").exitCode == 1)
        #expect(lintCampaign("missing-recipients.yml").exitCode == 1)
    }

    @Test func messagesOverTheLimitAreErrorsNamingRecipientVariantAndExcess() throws {
        let report = lintCampaign("too-long.yml")
        #expect(report.exitCode == 1)
        #expect(report.profile == "twitter-classic")
        #expect(report.messagesChecked == 3, "one message per reachable target")
        #expect(report.messagesOverLimit == 3)
        let errors = report.diagnostics.errors
        #expect(errors.count == 3)
        #expect(errors.allSatisfy { $0.line == 9 && $0.column == 11 && $0.message.hasPrefix("template 'long' for ") })
        // 36 characters before the link, counted 23 whatever its length, and the mention prefix.
        let guedj = try #require(errors.first { $0.message.contains("@JeromeGuedj") })
        #expect(guedj.message.hasSuffix("is 164 characters on twitter-classic, 24 over the limit of 140"))
        #expect(guedj.hint?.hasSuffix(": .@JeromeGuedj Bonjour Jérôme Guedj, ce message est beaucoup trop long pour tenir dans cent quarante caractères une fois la mention ajoutée : https://example.org/une-cause-importante") == true,
                "the whole text, never truncated")
        let summaries = Dictionary(uniqueKeysWithValues: report.variants.map { ($0.id, $0) })
        #expect(summaries["long"]?.longest == 178)
        #expect(summaries["long"]?.longestFor?.id == "D4")
    }

    @Test func aVariantThatGivesWayIsAWarningAndLintAgreesWithTheComposer() throws {
        let report = lintCampaign("fallbacks.yml")
        #expect(report.exitCode == 0, "\(report.diagnostics)")
        #expect(report.messagesOverLimit == 0)
        let warnings = report.diagnostics.warnings
        #expect(warnings.count == 1)
        #expect(warnings.first?.message.hasPrefix("template 'long' does not fit") == true)
        let notes = report.diagnostics.filter { $0.severity == .note }
        #expect(notes.map(\.message).contains { $0.hasPrefix("template 'hashtags' does not fit 1 recipient") && $0.contains("without optional parts") })
        // Lint counts exactly what the composer gives.
        let campaign = try #require(loadCampaign("fallbacks.yml").campaign)
        let list = try RecipientList.load(contentsOf: campaign.recipients.url, mapping: campaign.recipients.mapping)
        let messages = Array(Composer(campaign: campaign).messages(for: campaign.targets.select(from: list.recipients)))
        #expect(report.messagesChecked == messages.count)
        #expect(report.messagesFitted == messages.filter { !$0.fitting.isAsChosen }.count)
        for summary in report.variants {
            #expect(summary.recipients == messages.filter { $0.variantID == summary.id }.count, "\(summary.id)")
        }
    }

    @Test func mastodonCountsOnlyTheLocalPartOfMentionsAndHonoursTheInstanceLimit() throws {
        let report = lintCampaign("mastodon-limit.yml")
        #expect(report.profile == "mastodon")
        #expect(report.reach == Reach(channel: .mastodon, recipients: 2, reachable: 2))
        let summaries = try #require(report.variants.first)
        #expect(summaries.maxLength == 60)
        // "@anne Bonjour Anne Longuedomaine, voici nos propositions : " is 59 graphemes, the URL 23: 82.
        // Had the instance's domain counted, it would be 42 more.
        #expect(summaries.longest == 82)
        #expect(report.messagesOverLimit == 2)
    }

    @Test func theShippedCampaignsLintClean() {
        for name in ["sensetwitt-2012.yml", "ess-2026.yml"] {
            let report = CampaignLint.run(contentsOf: RepositoryFiles.url("Campaigns/" + name), displayPath: name)
            #expect(report.exitCode == 0, "\(name): \(report.diagnostics.errors)")
            #expect(report.messagesChecked > 0)
            #expect(report.messagesOverLimit == 0)
        }
    }

    @Test("one problem for many recipients is summed up once, naming no CLI command; the full listing is a typed remedy")
    func theRepeatedProblemNamesNoCommand() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cartable-lint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var recipients = "id,name,group,department,constituency,twitter\n"
        for index in 0..<6 { recipients += "D\(index),Député \(index),SOC,91,\(index),depute\(index)\n" }
        try Data(recipients.utf8).write(to: folder.appendingPathComponent("deputies.csv"))
        let long = String(repeating: "Le sac de l'ESS. ", count: 20)
        let campaign = """
            id: repeated
            title: Répété
            organiser: Cartable
            language: fr
            link: "https://example.org/cause"
            channel: twitter
            recipients: deputies.csv
            templates:
              - id: t
                text: "{{name}} \(long) {{link}}"
            """
        let file = folder.appendingPathComponent("campaign.yml")
        try Data(campaign.utf8).write(to: file)
        let report = CampaignLint.run(contentsOf: file, displayPath: "campaign.yml")
        let summary = try #require(report.diagnostics.first { $0.message.contains("the same problem (too-long) for 3 more recipients") },
                                   "\(report.diagnostics)")
        #expect(summary.hint == "fix the template")
        #expect(summary.remedy == .listProblemMessages)
        for diagnostic in report.diagnostics {
            #expect(!diagnostic.description.contains("--") && !diagnostic.description.contains("cartable "), "\(diagnostic.description)")
        }
    }
}
