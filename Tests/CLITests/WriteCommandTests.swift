import Foundation
import Testing

/// `cartable write` without a terminal: what scripts and the non-interactive paths see.
@Suite("cartable write", .runsOffThePool)
struct WriteCommandTests {
    static let campaign = RepositoryPaths.campaignFixture("write.yml")

    /// A fresh current directory for each run, so the supporter id stored in `.cartable/` is the test's own.
    struct Folder {
        let url: URL

        init() throws {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("cartable-write-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        }

        func remove() { try? FileManager.default.removeItem(at: url) }

        /// Runs `cartable write CAMPAIGN arguments...` in this folder.
        func write(_ arguments: [String], campaign: String = WriteCommandTests.campaign, environment: [String: String] = [:]) throws -> CartableBinary.Result {
            let process = Process()
            process.executableURL = CartableBinary.url
            process.arguments = ["write", campaign] + arguments
            process.currentDirectoryURL = url
            var env = ProcessInfo.processInfo.environment
            env["NO_COLOR"] = "1"
            env["CARTABLE_MASTODON_URL"] = nil
            for (key, value) in environment { env[key] = value }
            process.environment = env
            let output = url.appendingPathComponent("stdout"), errors = url.appendingPathComponent("stderr")
            _ = FileManager.default.createFile(atPath: output.path, contents: nil)
            _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
            process.standardOutput = try FileHandle(forWritingTo: output)
            process.standardError = try FileHandle(forWritingTo: errors)
            process.standardInput = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            return CartableBinary.Result(
                status: process.terminationStatus, stdout: try String(contentsOf: output, encoding: .utf8),
                stderr: try String(contentsOf: errors, encoding: .utf8))
        }
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "\(text)")
    }

    /// The text an intent link carries, decoded.
    static func linkText(_ link: String) throws -> String {
        let components = try #require(URLComponents(string: link))
        return try #require(components.queryItems?.first { $0.name == "text" }?.value)
    }

    @Test func oneMatchGivesTheMessageAndALinkThatCarriesIt() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let result = try folder.write(["--to", "guedj"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("To Jérôme Guedj (SOC) — Essonne (91), constituency 6 — @JeromeGuedj"))
        #expect(result.stdout.contains("/140 characters (twitter-classic): fits"))
        let link = try #require(result.stdout.split(separator: "\n").last.map(String.init))
        #expect(link.hasPrefix("https://x.com/intent/post?text="))
        let text = try Self.linkText(link)
        #expect(text.hasPrefix(".@JeromeGuedj "))
        #expect(result.stdout.contains("  " + text + "\n"), "the link posts the message shown")
        #expect(result.stderr.contains("Your supporter id is supporter-"), "announced on first use")
    }

    @Test func theJSONOutputHasTheMessageItsKeyAndTheLink() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let result = try folder.write(["--postcode", "48000", "--supporter", "marie", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let output = try Self.json(result.stdout)
        #expect(output["outcome"] as? String == "link")
        #expect((output["recipient"] as? [String: Any])?["id"] as? String == "W5")
        #expect(output["idempotencyKey"] as? String == "write-test/marie/W5/x")
        let text = try #require(output["text"] as? String)
        #expect(try Self.linkText(try #require(output["intentURL"] as? String)) == text)
        #expect(output["valid"] as? Bool == true)
        #expect((output["weightedLength"] as? Int ?? 999) <= 140)
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent(".cartable").path), "--supporter stores nothing")
    }

    @Test func theStoredSupporterIdIsKeptFromOneRunToTheNext() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let first = try Self.json(try folder.write(["--to", "guedj", "--format", "json"]).stdout)
        let stored = try String(contentsOf: folder.url.appendingPathComponent(".cartable/supporter-id"), encoding: .utf8)
        #expect(first["supporter"] as? String == stored.trimmingCharacters(in: .newlines))
        let second = try folder.write(["--to", "guedj", "--format", "json"])
        #expect(try Self.json(second.stdout)["idempotencyKey"] as? String == first["idempotencyKey"] as? String)
        #expect(!second.stderr.contains("Your supporter id"), "announced only once")
    }

    @Test func aStoredIdFileThatHoldsNoIdIsReportedWithTheFlagThatAvoidsIt() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let stored = folder.url.appendingPathComponent(".cartable/supporter-id")
        try FileManager.default.createDirectory(at: stored.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("two words\n".utf8).write(to: stored)
        let result = try folder.write(["--to", "guedj"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("error: the file does not hold a supporter id"), "\(result.stderr)")
        #expect(result.stderr.contains("hint: delete it to get a new id, or pass --supporter ID"), "\(result.stderr)")
    }

    @Test func noMatchExits1WithAHint() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let result = try folder.write(["--to", "zzyzx"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("error: no target of write-test matches \"zzyzx\""))
        #expect(result.stderr.contains("hint: try part of the name"))

        let outside = try folder.write(["--to", "noé"])
        #expect(outside.status == 1)
        #expect(outside.stderr.contains("Noé Inscrit is in the list but not among this campaign's targets"))

        let nowhere = try folder.write(["--to", "martin", "--department", "91", "--format", "json"])
        #expect(nowhere.status == 1)
        #expect(try Self.json(nowhere.stdout)["error"] as? String == "no-match")
        #expect(nowhere.stderr.contains("matches \"martin\" in department 91"))
    }

    @Test func severalMatchesWithoutATerminalListThemAndExit2() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let result = try folder.write(["--to", "martin"])
        #expect(result.status == 2)
        #expect(result.stdout.contains("3 deputies match name \"martin\":"))
        #expect(result.stdout.contains("  1) Marie Martin (SOC) — Seine-Saint-Denis (93), constituency 1 — @mariemartin"))
        #expect(result.stdout.contains("  3) Anne Martin-Sanscompte (ECOS) — Seine-Saint-Denis (93), constituency 3 — no X (Twitter) handle"))
        #expect(result.stderr.contains("3 deputies match and no terminal is there to choose"))
        #expect(result.stderr.contains("hint: narrow it down"))

        let json = try folder.write(["--department", "Seine-Saint-Denis", "--format", "json"])
        #expect(json.status == 2)
        let output = try Self.json(json.stdout)
        #expect(output["error"] as? String == "several-matches")
        #expect((output["matches"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["W2", "W3", "W4", "W7"])

        let narrowed = try folder.write(["--to", "paul martin", "--yes"])
        #expect(narrowed.status == 0, "more of the name finds one")
    }

    @Test func aPostcodeGivesTheDeputyOfItsConstituency() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let massy = try folder.write(["--postcode", "91300", "--supporter", "marie", "--format", "json"])
        #expect(massy.status == 0, "\(massy.stderr)")
        #expect((try Self.json(massy.stdout)["recipient"] as? [String: Any])?["id"] as? String == "W1")

        // Saint-Denis (93200) is split street by street between the 1st and 2nd constituencies: both, never one guessed.
        let split = try folder.write(["--postcode", "93200", "--supporter", "marie"])
        #expect(split.status == 2)
        #expect(split.stdout.contains("postcode 93200 spans 2 constituencies: a boundary runs through Saint-Denis street by street"))
        #expect(split.stdout.contains("2 deputies match postcode 93200 → Seine-Saint-Denis 1st and 2nd constituencies:"))
        #expect(split.stdout.contains("1) Marie Martin (SOC)") && split.stdout.contains("2) Paul Martin (DR)"))
        let json = try Self.json(try folder.write(["--postcode", "93200", "--format", "json"]).stdout)
        #expect(json["error"] as? String == "several-matches")
        #expect((json["notes"] as? [String])?.first?.hasPrefix("postcode 93200 spans 2 constituencies") == true)

        let unknown = try folder.write(["--postcode", "00000"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("'00000' is not a postcode La Poste knows"))
    }

    @Test func aCommuneNarrowsAPostcodeThatSpansSeveralConstituencies() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let shipped = RepositoryPaths.path("Campaigns/ess-2026.yml")
        let both = try folder.write(["--postcode", "01000", "--supporter", "marie", "--format", "json"], campaign: shipped)
        #expect(both.status == 2)
        let listed = try Self.json(both.stdout)
        #expect((listed["matches"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["Xavier Breton", "Jérôme Buisson"])
        let note = try #require((listed["notes"] as? [String])?.first)
        #expect(note.hasPrefix("postcode 01000 spans 2 constituencies; the commune narrows it:"))
        #expect(note.contains("Ain 1st constituency — Saint-Denis-lès-Bourg"))

        let narrowed = try folder.write(["--postcode", "01000", "--to", "Saint-Denis-lès-Bourg", "--supporter", "marie", "--format", "json"],
                                        campaign: shipped)
        #expect(narrowed.status == 0, "\(narrowed.stderr)")
        #expect((try Self.json(narrowed.stdout)["recipient"] as? [String: Any])?["name"] as? String == "Xavier Breton")

        let commune = try folder.write(["--to", "evry courcouronnes", "--supporter", "marie", "--format", "json"], campaign: shipped)
        #expect(commune.status == 1, "Farida Amrani has no X handle: found, then explained")
        #expect(commune.stderr.contains("Farida Amrani has no X (Twitter) handle"), "\(commune.stderr)")
    }

    @Test func aDeputyWithoutAHandleIsExplainedWithOtherWays() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let result = try folder.write(["--to", "sanscompte"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("Anne Martin-Sanscompte has no X (Twitter) handle"))
        #expect(result.stderr.contains("they are on Mastodon as @anne@piaille.fr"))
        #expect(result.stderr.contains("--via webhook"))
        #expect(result.stderr.contains("--to \"Marie Martin\""), "a deputy of her department the campaign reaches")
        #expect(!result.stderr.contains("--to \"Anne Martin-Sanscompte\""))
    }

    @Test func suggestProposesTheLeastWrittenToAndTakesTheFirstWithYes() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let listed = try folder.write(["--suggest", "--supporter", "marie"])
        #expect(listed.status == 2)
        #expect(listed.stdout.contains("fewest messages"))
        #expect(listed.stdout.contains("0 messages so far"))
        #expect(!listed.stdout.contains("Sanscompte"), "a deputy the channel cannot reach is not suggested")
        #expect(listed.stderr.contains("--yes to take the first"))
        let firstLine = try #require(listed.stdout.split(separator: "\n").dropFirst().first)

        let taken = try Self.json(try folder.write(["--suggest", "--supporter", "marie", "--yes", "--format", "json"]).stdout)
        let name = try #require((taken["recipient"] as? [String: Any])?["name"] as? String)
        #expect(firstLine.contains("1) \(name) "))
        #expect(taken["outcome"] as? String == "link")

        let inDepartment = try Self.json(try folder.write(["--suggest", "--department", "93", "--yes", "--format", "json"]).stdout)
        #expect((inDepartment["recipient"] as? [String: Any])?["department"] as? String == "93")
    }

    @Test func badUsageExits2() throws {
        let folder = try Folder()
        defer { folder.remove() }
        for arguments in [
            [String](), ["--to", " "], ["--department", "Atlantis"], ["--postcode", "9350"], ["--to", "guedj", "--via", "carrier-pigeon"],
            ["--to", "guedj", "--supporter", "two words"], ["--to", "guedj", "--supporter", "organiser"],
            ["--to", "guedj", "--via", "mastodon"], ["--to", "guedj", "--mastodon-instance", "not an instance"],
        ] {
            let result = try folder.write(arguments)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(!result.stderr.isEmpty)
        }
        let missing = try folder.write(["--to", "guedj"], campaign: folder.url.appendingPathComponent("missing.yml").path)
        #expect(missing.status == 2)
        let mismatch = try folder.write(["--to", "guedj", "--via", "bluesky", "--yes"])
        #expect(mismatch.stderr.contains("is written for X (Twitter); use --via intent or --via x"))
    }

    @Test func aMastodonLinkNeedsTheSupportersInstance() throws {
        let folder = try Folder()
        defer { folder.remove() }
        try FileManager.default.copyItem(atPath: RepositoryPaths.campaignFixture("fediverse.csv"), toPath: folder.url.appendingPathComponent("fediverse.csv").path)
        let campaign = folder.url.appendingPathComponent("fediverse.yml").path
        try Data("""
            id: fediverse
            title: Sur Mastodon
            organiser: Cartable
            language: fr
            channel: mastodon
            profile: mastodon
            recipients: fediverse.csv
            templates:
              - "Bonjour {{name}}, voici nos propositions : https://example.org/x"
            """.utf8).write(to: URL(fileURLWithPath: campaign))
        let without = try folder.write(["--to", "bob"], campaign: campaign)
        #expect(without.status == 2)
        #expect(without.stderr.contains("--mastodon-instance"))
        let with = try folder.write(["--to", "bob", "--format", "json"], campaign: campaign, environment: ["CARTABLE_MASTODON_URL": "piaille.fr"])
        #expect(with.status == 0, "\(with.stderr)")
        let output = try Self.json(with.stdout)
        let link = try #require(output["intentURL"] as? String)
        #expect(link.hasPrefix("https://piaille.fr/share?text="))
        #expect(try Self.linkText(link) == "@bob@m.example Bonjour Bob, voici nos propositions : https://example.org/x")
    }

    @Test func aCampaignMessageOverTheLimitIsShownAndNotGiven() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let campaign = RepositoryPaths.campaignFixture("mastodon-limit.yml")
        let result = try folder.write(["--to", "bob", "--mastodon-instance", "piaille.fr"], campaign: campaign)
        #expect(result.status == 1)
        #expect(result.stdout.contains("66/60 characters (mastodon): 6 over the limit, cannot be sent: shorten it by 6"))
        #expect(!result.stdout.contains("share?text="), "no link for a message that cannot be posted")
        #expect(result.stderr.contains("too long: 66/60, 6 over the limit"))
        let json = try folder.write(["--to", "bob", "--mastodon-instance", "piaille.fr", "--format", "json"], campaign: campaign)
        #expect(json.status == 1)
        let output = try Self.json(json.stdout)
        #expect(output["outcome"] as? String == "too-long")
        #expect(output["intentURL"] == nil)
    }

    @Test func helpDescribesTheFlow() throws {
        let result = try CartableBinary.run(["write", "--help"])
        #expect(result.status == 0)
        for expected in ["--to", "--department", "--postcode", "--suggest", "--via", "--yes", "--supporter", "next variant", "Exit status"] {
            #expect(result.stdout.contains(expected), "\(expected)")
        }
        let root = try CartableBinary.run(["--help"])
        #expect(root.stdout.contains("write"))
    }
}
