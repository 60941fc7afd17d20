import Foundation
import Testing

@Suite("cartable lint", .runsOffThePool)
struct LintCommandTests {
    @Test func theShippedCampaignsLintClean() throws {
        for name in ["sensetwitt-2012.yml", "ess-2026.yml"] {
            let result = try CartableBinary.run(["lint", RepositoryPaths.path("Campaigns/" + name)])
            #expect(result.status == 0, "\(name): \(result.stdout)")
            #expect(result.stdout.contains("0 errors"))
            #expect(!result.stdout.contains("\u{1B}["), "no colours when NO_COLOR is set and output is a pipe")
        }
    }

    @Test func problemsExitWith1AndPrintCompilerStyleDiagnostics() throws {
        let result = try CartableBinary.run(["lint", RepositoryPaths.campaignFixture("unknown-key.yml")])
        #expect(result.status == 1)
        #expect(result.stdout.contains("unknown-key.yml:6:1: error: unknown key 'templtes' in the campaign file\n  hint: did you mean 'templates'?"))
    }

    @Test(arguments: [
        ("unknown-placeholder.yml", "unknown-placeholder.yml:8:20: error: template 'un': unknown placeholder '{{nmae}}'"),
        ("wrong-types.yml", "wrong-types.yml:14:15: error: per_hour must be a whole number, found 'often'"),
        ("missing-keys.yml", "missing-keys.yml:1:1: error: missing required key 'title'"),
        ("missing-recipients.yml", "missing-recipients.yml:6:9: error: recipient file '../recipients/absent.csv' does not exist"),
        ("empty-targets.yml", "empty-targets.yml:6:1: error: the targets select no recipient"),
        ("too-long.yml", "too-long.yml:9:11: error: template 'long' for Jérôme Guedj (@JeromeGuedj) is 164 characters on twitter-classic, 24 over the limit of 140"),
    ])
    func eachErrorClassExitsWith1(fixture: String, expected: String) throws {
        let result = try CartableBinary.run(["lint", RepositoryPaths.campaignFixture(fixture)])
        #expect(result.status == 1)
        #expect(result.stdout.contains(expected), "\(result.stdout)")
    }

    @Test func unreadableInputExitsWith2() throws {
        let broken = try CartableBinary.run(["lint", RepositoryPaths.campaignFixture("bad-yaml.yml")])
        #expect(broken.status == 2)
        #expect(broken.stdout.contains("bad-yaml.yml:6:1: error: YAML syntax:"))
        let missing = try CartableBinary.run(["lint", RepositoryPaths.campaignFixture("no-such-campaign.yml")])
        #expect(missing.status == 2)
        #expect(missing.stdout.contains("error: no such campaign file"))
    }

    @Test func jsonReport() throws {
        let result = try CartableBinary.run(["lint", RepositoryPaths.campaignFixture("unknown-group.yml"), "--format", "json"])
        #expect(result.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["errors"] as? Int == 2)
        #expect(object["exitCode"] as? Int == 1)
        let report = try #require(object["report"] as? [String: Any])
        let diagnostics = try #require(report["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.first?["line"] as? Int == 6)
        #expect(diagnostics.first?["severity"] as? String == "error")
    }

    @Test func hintsNameTheCommandThatHelps() throws {
        let empty = try CartableBinary.run(["lint", RepositoryPaths.campaignFixture("empty-targets.yml")])
        #expect(empty.stdout.contains("hint: check the criteria against the list's recipients; `cartable recipients list --from "), "\(empty.stdout)")
        let unknown = try CartableBinary.run(["lint", RepositoryPaths.campaignFixture("unknown-group.yml"), "--format", "json"])
        #expect(unknown.stdout.contains("ids are in the first column of the list; `cartable recipients search NAME --from "), "\(unknown.stdout)")
        let valid = try CartableBinary.run(["lint", RepositoryPaths.campaignFixture("valid.yml")])
        #expect(valid.stdout.contains("hint: add handles in an overrides file, or exclude them; `cartable lint --verbose` lists them"), "\(valid.stdout)")
    }

    @Test func verboseListsTheTargetsWithoutHandle() throws {
        let result = try CartableBinary.run(["lint", RepositoryPaths.campaignFixture("valid.yml"), "--verbose"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("note: no twitter handle: Jean Sans Compte (D3)"))
    }
}
