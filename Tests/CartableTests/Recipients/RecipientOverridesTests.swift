import Foundation
import Testing
@testable import Cartable

@Suite("Recipient overrides")
struct RecipientOverridesTests {
    @Test func overridesCorrectAddAndRemoveHandlesAndReportEveryProblem() throws {
        var list = try RecipientFixtures.load("base.csv")
        let (overrides, parseDiagnostics) = try RecipientOverrides.load(
            contentsOf: Fixtures.url("recipients/overrides.yml"), displayPath: "overrides.yml")
        overrides.apply(to: &list)
        let byID = Dictionary(uniqueKeysWithValues: list.recipients.map { ($0.id, $0) })
        #expect(byID["O1"]?.twitter == "FlorenceGoulet4")
        #expect(byID["O2"]?.twitter == "RomainEskenazi")
        #expect(byID["O2"]?.mastodon == "romain@piaille.fr")
        #expect(byID["O3"]?.twitter == nil)
        #expect(byID["N1"]?.name == "Nouvelle Députée")
        #expect(byID["N1"]?.constituencyKey == "2A-1")
        #expect(byID["GHOST"] == nil)

        // The typo `twiter` is an unknown key, with the right key suggested.
        #expect(parseDiagnostics.count == 1)
        let typo = try #require(parseDiagnostics.first)
        #expect(typo.headline == "overrides.yml:17:3: error: unknown key 'twiter' in the overrides of 'O1x'")
        #expect(typo.hint?.contains("did you mean 'twitter'?") == true)

        let ghost = list.diagnostics.errors.filter { $0.message.contains("GHOST") }
        #expect(ghost.map(\.line) == [14])
        // O1x has only an unknown key; it still names an id the list lacks.
        #expect(list.diagnostics.errors.contains { $0.message.contains("'O1x'") && $0.line == 16 })
    }

    @Test func anInvalidHandleInAnOverrideIsAnError() {
        var list = RecipientList(path: "list.csv", recipients: [Recipient(id: "A", name: "A")])
        let (overrides, diagnostics) = RecipientOverrides.parse(yaml: "A:\n  twitter: \"two words\"\n", path: "o.yml")
        #expect(diagnostics.isEmpty)
        overrides.apply(to: &list)
        #expect(list.recipients.first?.twitter == nil)
        #expect(list.diagnostics.errors.map(\.line) == [1])
    }

    @Test func badYAMLIsReportedAtItsPosition() {
        let (_, diagnostics) = RecipientOverrides.parse(yaml: "A:\n  twitter: x\n bad: [\n", path: "o.yml")
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.message.hasPrefix("YAML syntax:") == true)
        #expect(diagnostics.first?.line != nil)
    }
}
