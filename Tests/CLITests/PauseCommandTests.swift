import Cartable
import Foundation
import Testing

/// `cartable pause` and `cartable resume`, the built binary on an SQLite outbox with a loopback webhook receiver.
@Suite("cartable pause, resume", .runsOffThePool)
struct PauseCommandTests {
    /// `queue` of the write tests' campaign (id `write-test`) on the webhook channel, in a scratch folder.
    static func queued(_ folder: ScratchFolder, environment: [String: String]) throws -> Int {
        for name in ["write.yml", "write-deputies.csv"] {
            try FileManager.default.copyItem(atPath: RepositoryPaths.campaignFixture(name), toPath: folder.path(name))
        }
        let queue = try CartableBinary.run(["queue", folder.path("write.yml"), "--via", "webhook"], environment: environment)
        #expect(queue.status == 0, "\(queue.stderr)")
        let status = try CartableBinary.run(["status", "--format", "json"], environment: environment)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        return try #require((json["states"] as? [String: Int])?["queued"])
    }

    @Test("queue, pause: send posts nothing and status shows the pause; resume: send posts them all")
    func pauseThenResume() async throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        let receiver = try RecordingReceiver()
        defer { receiver.stop() }
        let environment = ["CARTABLE_WEBHOOK_URL": receiver.baseURL + "/hook", "CARTABLE_OUTBOX": folder.outboxPath, "NO_COLOR": "1"]
        let count = try Self.queued(folder, environment: environment)
        #expect(count > 0)

        let pause = try CartableBinary.run(["pause", "write-test"], environment: environment)
        #expect(pause.status == 0, "\(pause.stderr)")
        #expect(pause.stdout.contains("write-test: paused"), "\(pause.stdout)")
        let again = try CartableBinary.run(["pause", "write-test", "--outbox", folder.outboxPath], environment: environment)
        #expect(again.status == 0 && again.stdout.contains("write-test: already paused; nothing changed"), "\(again.stdout)\(again.stderr)")

        let held = try CartableBinary.run(["send", "--via", "webhook"], environment: environment)
        #expect(held.status == 0, "\(held.stderr)")
        #expect(receiver.published == 0 && receiver.requestCount == 0, "a paused campaign sends nothing")
        #expect(held.stdout.contains("\(count) not final yet (\(count) held by a paused campaign: cartable status names it)"), "\(held.stdout)")
        let table = try CartableBinary.run(["status"], environment: environment)
        #expect(table.stdout.contains("paused: write-test since"), "\(table.stdout)")
        let json = try CartableBinary.run(["status", "--format", "json"], environment: environment)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let paused = try #require(report["paused"] as? [[String: Any]])
        #expect(paused.map { $0["campaignID"] as? String } == ["write-test"] && paused.first?["pausedAt"] is String, "\(json.stdout)")
        #expect((report["states"] as? [String: Int])?["queued"] == count)

        let resume = try CartableBinary.run(["resume", "write-test"], environment: environment)
        #expect(resume.status == 0 && resume.stdout.contains("write-test: resumed"), "\(resume.stdout)\(resume.stderr)")
        let notPaused = try CartableBinary.run(["resume", "write-test"], environment: environment)
        #expect(notPaused.status == 0 && notPaused.stdout.contains("write-test: not paused; nothing changed"), "\(notPaused.stdout)")

        let sent = try CartableBinary.run(["send", "--via", "webhook"], environment: environment)
        #expect(sent.status == 0, "\(sent.stderr)")
        #expect(sent.stdout.hasPrefix("sent \(count), retried 0, dead 0"), "\(sent.stdout)")
        #expect(receiver.published == count)
        let after = try CartableBinary.run(["status"], environment: environment)
        #expect(!after.stdout.contains("paused:"), "\(after.stdout)")
    }

    @Test("write --via on a paused campaign: says the campaign is paused and the message queued until resumed (text and JSON); status shows it held")
    func writeOnAPausedCampaign() async throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        let writing = try WriteCommandTests.Folder()
        defer { writing.remove() }
        let receiver = try RecordingReceiver()
        defer { receiver.stop() }
        let environment = ["CARTABLE_WEBHOOK_URL": receiver.baseURL + "/hook", "CARTABLE_OUTBOX": folder.outboxPath, "NO_COLOR": "1"]
        let count = try Self.queued(folder, environment: environment)
        #expect(try CartableBinary.run(["pause", "write-test"], environment: environment).status == 0)

        let text = try writing.write(["--to", "guedj", "--via", "webhook", "--yes", "--supporter", "marie"], environment: environment)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("Queued: the campaign write-test is paused; your message waits in the outbox and goes once it is resumed"),
                "\(text.stdout)")
        #expect(!text.stdout.contains("already"), "\(text.stdout)")
        let json = try WriteCommandTests.json(
            try writing.write(["--to", "guedj", "--via", "webhook", "--yes", "--supporter", "luc", "--format", "json"], environment: environment).stdout)
        #expect(json["outcome"] as? String == "queued" && json["detail"] as? String == "the campaign is paused", "\(json)")
        #expect(receiver.requestCount == 0, "nothing was sent")

        let status = try CartableBinary.run(["status"], environment: environment)
        #expect(status.stdout.contains("paused: write-test since"), "\(status.stdout)")
        #expect(status.stdout.contains("\(count + 2) messages waiting, held (cartable resume write-test lets it go)"), "\(status.stdout)")
        #expect(status.stdout.contains("paused with its campaign"), "\(status.stdout)")
        let report = try #require(try JSONSerialization.jsonObject(
            with: Data(try CartableBinary.run(["status", "--format", "json"], environment: environment).stdout.utf8)) as? [String: Any])
        #expect((report["paused"] as? [[String: Any]])?.first?["waiting"] as? Int == count + 2)
        #expect((report["oldestWaiting"] as? [String: Any])?["campaignPaused"] as? Bool == true)
    }

    @Test("an unknown campaign: said so, exit 2, nothing changed; no id: usage, exit 2; help text on each")
    func unknownCampaignAndUsage() throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        try folder.enqueue(2, campaign: "fault")
        for command in ["pause", "resume"] {
            let unknown = try CartableBinary.run([command, "no-such-campaign", "--outbox", folder.outboxPath], environment: ["NO_COLOR": "1"])
            #expect(unknown.status == 2)
            #expect(unknown.stderr.contains("no message and no pacing of campaign no-such-campaign; nothing changed"), "\(unknown.stderr)")
            #expect(unknown.stderr.contains("hint:"), "\(unknown.stderr)")
            let usage = try CartableBinary.run([command, "--outbox", folder.outboxPath])
            #expect(usage.status == 2, "\(usage.stderr)")
            let help = try CartableBinary.run([command, "--help"])
            #expect(help.status == 0 && help.stdout.contains("campaign-id") && help.stdout.contains("--outbox"), "\(help.stdout)")
        }
        let missing = try CartableBinary.run(["pause", "fault", "--outbox", folder.path("none.sqlite")], environment: ["NO_COLOR": "1"])
        #expect(missing.status == 2 && missing.stderr.contains("no outbox here yet"), "\(missing.stderr)")
        let status = try CartableBinary.run(["status", "--format", "json", "--outbox", folder.outboxPath])
        #expect(status.stdout.contains("\"paused\" : [\n\n  ]") || status.stdout.contains("\"paused\" : []"), "\(status.stdout)")
    }
}
