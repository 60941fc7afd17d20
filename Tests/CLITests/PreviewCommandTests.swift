import Foundation
import Testing

@Suite("cartable preview", .runsOffThePool)
struct PreviewCommandTests {
    static let shipped = ["sensetwitt-2012.yml", "ess-2026.yml"]

    static func jsonLines(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
        }
    }

    @Test(arguments: shipped)
    func theShippedCampaignsPreviewCleanInEveryFormat(name: String) throws {
        let campaign = RepositoryPaths.path("Campaigns/" + name)
        let jsonl = try CartableBinary.run(["preview", campaign, "--format", "jsonl"])
        #expect(jsonl.status == 0, "\(jsonl.stderr)")
        let lines = try Self.jsonLines(jsonl.stdout)
        #expect(lines.count > 300)
        #expect(lines.allSatisfy { $0["valid"] as? Bool == true })
        for key in ["recipient", "text", "weightedLength", "valid", "variant", "intentURL", "problems", "idempotencyKey"] {
            #expect(lines.allSatisfy { $0[key] != nil }, "\(key)")
        }

        let json = try CartableBinary.run(["preview", campaign, "--format", "json"])
        #expect(json.status == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((document["messages"] as? [Any])?.count == lines.count)
        #expect((document["summary"] as? [String: Any])?["valid"] as? Int == lines.count)

        let csv = try CartableBinary.run(["preview", campaign, "--format", "csv"])
        #expect(csv.status == 0)
        #expect(csv.stdout.hasPrefix("id,name,handle,group,department,variant,weightedLength,maxLength,valid,problems,text,intentURL,idempotencyKey\n"))
        #expect(csv.stdout.filter { $0 == "\n" }.count == lines.count + 1, "no field of these lists holds a line break")

        let table = try CartableBinary.run(["preview", campaign, "--format", "table"])
        #expect(table.status == 0)
        #expect(table.stdout.contains("messages           \(lines.count): \(lines.count) valid, 0 too long, 0 invalid"))
        #expect(!table.stdout.contains("\u{1B}["), "no colour with NO_COLOR and a pipe")

        let report = FileManager.default.temporaryDirectory.appendingPathComponent("preview-\(UUID().uuidString).html")
        defer { try? FileManager.default.removeItem(at: report) }
        let html = try CartableBinary.run(["preview", campaign, "-o", report.path])
        #expect(html.status == 0, "the format follows the extension")
        let page = try String(contentsOf: report, encoding: .utf8)
        #expect(page.hasPrefix("<!doctype html>"))
        #expect(page.components(separatedBy: "<article class=\"card").count - 1 == lines.count)
        #expect(html.stderr.contains("\(lines.count) messages, \(lines.count) valid, 0 with a problem"))
    }

    @Test func withoutATerminalTheDefaultIsJSONLines() throws {
        let result = try CartableBinary.run(["preview", RepositoryPaths.path("Campaigns/sensetwitt-2012.yml"), "--limit", "3"])
        #expect(result.status == 0)
        #expect(try Self.jsonLines(result.stdout).count == 3)
    }

    @Test func problemsExitWith1AndOnlyProblemsShowsThem() throws {
        let campaign = RepositoryPaths.campaignFixture("too-long.yml")
        let result = try CartableBinary.run(["preview", campaign, "--only-problems", "--format", "jsonl"])
        #expect(result.status == 1)
        let lines = try Self.jsonLines(result.stdout)
        #expect(lines.count == 3)
        let problems = lines.compactMap { ($0["problems"] as? [[String: Any]])?.first }
        #expect(problems.map { $0["code"] as? String } == ["too-long", "too-long", "too-long"])
        #expect(lines.allSatisfy { $0["intentURL"] is NSNull })

        let clean = try CartableBinary.run(["preview", RepositoryPaths.path("Campaigns/ess-2026.yml"), "--only-problems"])
        #expect(clean.status == 0)
        #expect(clean.stdout.isEmpty)
    }

    @Test func filtersAndLimitShowASubsetOfTheSameBatch() throws {
        let campaign = RepositoryPaths.path("Campaigns/sensetwitt-2012.yml")
        let whole = try Self.jsonLines(try CartableBinary.run(["preview", campaign]).stdout)
        let src = try CartableBinary.run(["preview", campaign, "--group", "SRC", "--department", "91", "--department", "75"])
        #expect(src.status == 0)
        let subset = try Self.jsonLines(src.stdout)
        #expect(!subset.isEmpty)
        let expected = whole.filter {
            let recipient = $0["recipient"] as? [String: Any]
            return recipient?["group"] as? String == "SRC" && ["91", "75"].contains(recipient?["department"] as? String ?? "")
        }
        #expect(subset.map { $0["text"] as? String } == expected.map { $0["text"] as? String })
        let limited = try Self.jsonLines(try CartableBinary.run(["preview", campaign, "--limit", "7"]).stdout)
        #expect(limited.map { $0["text"] as? String } == whole.prefix(7).map { $0["text"] as? String })
    }

    @Test func lintAndPreviewAgree() throws {
        let campaigns = Self.shipped.map { RepositoryPaths.path("Campaigns/" + $0) }
            + ["valid.yml", "too-long.yml", "fallbacks.yml", "mastodon-limit.yml", "segment-only.yml", "hostile.yml", "empty-targets.yml"]
                .map(RepositoryPaths.campaignFixture)
        for campaign in campaigns {
            let lint = try CartableBinary.run(["lint", campaign, "--format", "json"])
            let report = try #require(try JSONSerialization.jsonObject(with: Data(lint.stdout.utf8)) as? [String: Any])
            let counts = try #require(report["report"] as? [String: Any])
            let preview = try CartableBinary.run(["preview", campaign, "--format", "json"])
            let document = try #require(try JSONSerialization.jsonObject(with: Data(preview.stdout.utf8)) as? [String: Any], "\(preview.stderr)")
            let summary = try #require(document["summary"] as? [String: Any])
            let name = (campaign as NSString).lastPathComponent
            #expect(counts["messagesChecked"] as? Int == summary["messages"] as? Int, "\(name)")
            #expect(counts["messagesOverLimit"] as? Int == summary["tooLong"] as? Int, "\(name)")
            #expect(counts["messagesFitted"] as? Int == summary["fitted"] as? Int, "\(name)")
            #expect(lint.status == preview.status, "\(name): lint \(lint.status), preview \(preview.status)")
            let variants = (counts["variants"] as? [[String: Any]] ?? []).reduce(into: [String: Int]()) { $0[$1["id"] as? String ?? ""] = $1["recipients"] as? Int }
            let shown = (summary["variants"] as? [String: Int] ?? [:]).filter { $0.value > 0 }
            #expect(variants == shown, "\(name)")
        }
    }

    @Test func hostileNamesAreEscapedInTheReport() throws {
        let report = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(UUID().uuidString).html")
        defer { try? FileManager.default.removeItem(at: report) }
        let result = try CartableBinary.run(["preview", RepositoryPaths.campaignFixture("hostile.yml"), "--format", "html", "-o", report.path])
        #expect(result.status == 0, "\(result.stderr)")
        let page = try String(contentsOf: report, encoding: .utf8)
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!page.contains("<script>alert(1)"))
        #expect(!page.contains("<img"))
    }

    @Test func mastodonLinksUseTheGivenInstance() throws {
        let campaign = RepositoryPaths.campaignFixture("mastodon-limit.yml")
        let without = try Self.jsonLines(try CartableBinary.run(["preview", campaign]).stdout)
        #expect(without.allSatisfy { $0["intentURL"] is NSNull })
        let bad = try CartableBinary.run(["preview", campaign, "--mastodon-instance", "javascript:alert(1)"])
        #expect(bad.status == 2)
    }

    @Test func badUsageAndUnreadableInputExitWith2() throws {
        let campaign = RepositoryPaths.path("Campaigns/sensetwitt-2012.yml")
        #expect(try CartableBinary.run(["preview", campaign, "--format", "pdf"]).status == 2)
        #expect(try CartableBinary.run(["preview", campaign, "--limit", "0"]).status == 2)
        #expect(try CartableBinary.run(["preview", campaign, "--department", "100"]).status == 2)
        #expect(try CartableBinary.run(["preview", campaign, "-o", "/tmp/report.unknown"]).status == 2)
        #expect(try CartableBinary.run(["preview", campaign, "-o", "/nonexistent/dir/report.html"]).status == 2)
        let missing = try CartableBinary.run(["preview", RepositoryPaths.campaignFixture("no-such.yml")])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no such campaign file"))
        let broken = try CartableBinary.run(["preview", RepositoryPaths.campaignFixture("unknown-key.yml")])
        #expect(broken.status == 1, "a campaign with errors, as lint says")
        #expect(broken.stderr.contains("unknown-key.yml:6:1: error: unknown key 'templtes'"))
    }
}
