import Cartable
import Foundation
import LoopbackHTTPServer
import Testing

/// `cartable write --via CHANNEL`: queued in the outbox and sent at once to a loopback platform, and what the outbox
/// holds afterwards. One supporter, one message per deputy; the campaign's caps and hours apply.
@Suite("cartable write --via", .runsOffThePool)
struct WriteSendTests {
    typealias Folder = WriteCommandTests.Folder

    static func xEnvironment(_ receiver: RecordingReceiver) -> [String: String] {
        ["CARTABLE_X_API_URL": receiver.baseURL, "CARTABLE_X_CONSUMER_KEY": "ck", "CARTABLE_X_CONSUMER_SECRET": "cs",
         "CARTABLE_X_ACCESS_TOKEN": "at", "CARTABLE_X_ACCESS_SECRET": "as"]
    }

    static func outbox(_ folder: Folder) async throws -> [OutboxMessage] {
        let outbox = try SQLiteOutbox(path: folder.url.appendingPathComponent(".cartable/outbox.sqlite").path, access: .readWrite)
        return try await outbox.allMessages()
    }

    @Test func sentAtOnceThenARepeatIsANoOpOnEveryChannel() async throws {
        let folder = try Folder()
        defer { folder.remove() }
        let receiver = try RecordingReceiver(platform: .x)
        defer { receiver.stop() }
        let environment = Self.xEnvironment(receiver)

        let first = try folder.write(["--to", "guedj", "--via", "x", "--yes", "--supporter", "marie"], environment: environment)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("Sent to Jérôme Guedj via x: https://x.com/i/web/status/1"))
        #expect(receiver.published == 1)
        let rows = try await Self.outbox(folder)
        #expect(rows.count == 1)
        let row = try #require(rows.first)
        #expect(row.state == .sent)
        #expect(row.entry.idempotencyKey.rawValue == "write-test/marie/W1/x")
        #expect(row.entry.channel == "x")
        #expect(row.postURL == "https://x.com/i/web/status/1")
        #expect(first.stdout.contains("  " + row.entry.text + "\n"), "the text shown is the text posted")

        for (arguments, label) in [
            (["--via", "x", "--yes"], "the same channel"), (["--via", "webhook", "--yes"], "another channel"), ([], "a link"),
        ] {
            let again = try folder.write(["--to", "guedj", "--supporter", "marie"] + arguments,
                                         environment: environment.merging(["CARTABLE_WEBHOOK_URL": receiver.baseURL + "/hook"]) { $1 })
            #expect(again.status == 0, "\(label): \(again.stderr)")
            #expect(again.stdout.contains("You already wrote to Jérôme Guedj in this campaign: your message was sent via x at "), "\(label)")
            #expect(again.stdout.contains("https://x.com/i/web/status/1"), "\(label)")
            #expect(again.stdout.contains("One supporter, one message per deputy: nothing more was sent."), "\(label)")
            #expect(!again.stdout.contains("intent/post"), "\(label)")
        }
        let json = try WriteCommandTests.json(try folder.write(["--to", "guedj", "--supporter", "marie", "--via", "x", "--yes", "--format", "json"], environment: environment).stdout)
        #expect(json["outcome"] as? String == "already-written")
        #expect(json["state"] as? String == "sent")
        #expect(receiver.requestCount == 1, "nothing more reached the platform")
        #expect(try await Self.outbox(folder).count == 1)
    }

    @Test func aDeputyAtTheirCapIsQueuedForLaterAndNotSuggested() async throws {
        let folder = try Folder()
        defer { folder.remove() }
        let receiver = try RecordingReceiver(platform: .x)
        defer { receiver.stop() }
        let environment = Self.xEnvironment(receiver)
        let sent = try folder.write(["--to", "guedj", "--via", "x", "--yes", "--supporter", "marie"], environment: environment)
        #expect(sent.status == 0)

        // The campaign allows one message per deputy per hour and per day: Paul's waits a day.
        let before = Date()
        let later = try WriteCommandTests.json(try folder.write(
            ["--to", "guedj", "--via", "x", "--yes", "--supporter", "paul", "--format", "json"], environment: environment).stdout)
        #expect(later["outcome"] as? String == "queued")
        let notBefore = try #require((later["notBefore"] as? String).flatMap { ISO8601DateFormatter().date(from: $0) })
        #expect(abs(notBefore.timeIntervalSince(before) - 86_400) < 60, "\(notBefore)")
        #expect(receiver.requestCount == 1)
        let rows = try await Self.outbox(folder)
        let waiting = try #require(rows.first { $0.entry.supporterID == "paul" })
        #expect(waiting.state == .queued)
        #expect(abs(waiting.nextAttemptAt.timeIntervalSince(notBefore)) < 1, "the row waits until the time said")

        let text = try folder.write(["--to", "guedj", "--via", "x", "--yes", "--supporter", "zoe"], environment: environment)
        #expect(text.status == 0)
        #expect(text.stdout.contains("Queued: Jérôme Guedj has received the messages this campaign allows for now (1 per hour, 1 per day); yours goes from "))

        let suggested = try WriteCommandTests.json(try folder.write(["--suggest", "--supporter", "anne", "--format", "json"]).stdout)
        let ids = (suggested["matches"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
        #expect(!ids.isEmpty && !ids.contains("W1"), "\(ids)")
    }

    @Test func suggestRanksByMessagesSoFarFromTheOutbox() async throws {
        let folder = try Folder()
        defer { folder.remove() }
        // Other supporters' messages waiting in the outbox: two to Marie Martin (W2), one to Paul Martin (W3).
        let outbox = try SQLiteOutbox(path: folder.url.appendingPathComponent(".cartable/outbox.sqlite").path)
        let entries = [("a", "W2"), ("b", "W2"), ("c", "W3")].map { supporter, recipient in
            OutboxEntry(campaignID: "write-test", supporterID: supporter, recipientID: recipient, channel: .x, text: "texte")
        }
        _ = try outbox.enqueue(entries, pacing: nil, now: Date())

        let result = try folder.write(["--suggest", "--supporter", "marie", "--format", "json"])
        #expect(result.status == 2)
        let matches = try #require(try WriteCommandTests.json(result.stdout)["matches"] as? [[String: Any]])
        let ids = matches.compactMap { $0["id"] as? String }
        #expect(Set(ids.prefix(3)) == ["W1", "W5", "W7"], "those with none first: \(ids)")
        #expect(Array(ids.suffix(2)) == ["W3", "W2"])

        let shown = try folder.write(["--suggest", "--supporter", "marie"])
        #expect(shown.stdout.contains("Paul Martin (DR) — Seine-Saint-Denis (93), constituency 2 — @paulmartin  1 message so far"))
        #expect(shown.stdout.contains("Marie Martin (SOC) — Seine-Saint-Denis (93), constituency 1 — @mariemartin  2 messages so far"))
    }

    @Test func aFailedSendSaysWhyAndStaysQueued() async throws {
        let folder = try Folder()
        defer { folder.remove() }
        let receiver = try RecordingReceiver { _, request in
            request.bodyText.contains("W1") ? .respond(.json(503, #"{"error":"down for maintenance"}"#)) : .respond(.json(401, #"{"error":"bad signature"}"#))
        }
        defer { receiver.stop() }
        let environment = ["CARTABLE_WEBHOOK_URL": receiver.baseURL + "/hook"]
        let transient = try folder.write(["--to", "guedj", "--via", "webhook", "--yes", "--supporter", "marie"], environment: environment)
        #expect(transient.status == 1)
        #expect(transient.stdout.contains("Not sent yet: "))
        #expect(transient.stdout.contains("It stays queued and is retried from "))
        let permanent = try folder.write(["--to", "paul martin", "--via", "webhook", "--yes", "--supporter", "marie"], environment: environment)
        #expect(permanent.status == 1)
        #expect(permanent.stdout.contains("Not sent: "))
        #expect(permanent.stdout.contains("cartable retry --id "))
        let states = Dictionary(uniqueKeysWithValues: try await Self.outbox(folder).map { ($0.entry.recipientID, $0.state) })
        #expect(states == ["W1": .retrying, "W3": .dead])

        // The retrying message is this supporter's message to that deputy: asking again says so.
        let again = try folder.write(["--to", "guedj", "--via", "webhook", "--yes", "--supporter", "marie"], environment: environment)
        #expect(again.status == 0)
        #expect(again.stdout.contains("your message is queued via webhook and goes from "))
        #expect(receiver.requestCount == 2)
    }

    @Test func outsideTheSendingHoursTheMessageWaitsForThem() async throws {
        let folder = try Folder()
        defer { folder.remove() }
        // Hours that start two hours from now (UTC) and last one hour.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let hour = calendar.component(.hour, from: Date())
        let from = String(format: "%02d:00", (hour + 2) % 24), to = String(format: "%02d:00", (hour + 3) % 24)
        let campaign = folder.url.appendingPathComponent("hours.yml").path
        // The list beside the campaign, as a campaign may only read files in its own folder.
        try FileManager.default.copyItem(atPath: RepositoryPaths.campaignFixture("write-deputies.csv"),
                                         toPath: folder.url.appendingPathComponent("write-deputies.csv").path)
        let yaml = try String(contentsOfFile: WriteCommandTests.campaign, encoding: .utf8)
            .replacingOccurrences(of: #"hours: {from: "00:00", to: "24:00", time_zone: UTC}"#, with: #"hours: {from: "\#(from)", to: "\#(to)", time_zone: UTC}"#)
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: campaign))
        let receiver = try RecordingReceiver()
        defer { receiver.stop() }
        let result = try folder.write(["--to", "guedj", "--via", "webhook", "--yes", "--supporter", "marie", "--format", "json"],
                                      campaign: campaign, environment: ["CARTABLE_WEBHOOK_URL": receiver.baseURL + "/hook"])
        #expect(result.status == 0, "\(result.stderr)")
        let output = try WriteCommandTests.json(result.stdout)
        #expect(output["outcome"] as? String == "queued")
        #expect(output["detail"] as? String == "outside the campaign's sending hours")
        let opening = try #require((output["notBefore"] as? String).flatMap { ISO8601DateFormatter().date(from: $0) })
        #expect(calendar.component(.hour, from: opening) == (hour + 2) % 24)
        #expect(receiver.requestCount == 0)
        #expect(try await Self.outbox(folder).map(\.state) == [.queued])
    }

    @Test func theDryRunWritesItsLineOnStandardErrorAndMissingSettingsStopBeforeAnything() async throws {
        let folder = try Folder()
        defer { folder.remove() }
        let dry = try folder.write(["--to", "guedj", "--via", "dry-run", "--yes", "--supporter", "marie"])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("Sent to Jérôme Guedj via dry-run (the platform gave no link to the post)"))
        #expect(dry.stderr.contains(#""idempotencyKey":"write-test/marie/W1/dry-run""#))

        let unset = ["CARTABLE_X_API_URL", "CARTABLE_X_CONSUMER_KEY", "CARTABLE_X_CONSUMER_SECRET", "CARTABLE_X_ACCESS_TOKEN", "CARTABLE_X_ACCESS_SECRET"]
        let missing = try folder.write(["--to", "paul martin", "--via", "x", "--yes", "--supporter", "marie"],
                                       environment: Dictionary(uniqueKeysWithValues: unset.map { ($0, "") }))
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("CARTABLE_X_"))
        #expect(missing.stdout.isEmpty, "nothing shown, nothing queued")
        #expect(try await Self.outbox(folder).count == 1)

        let unconfirmed = try folder.write(["--to", "paul martin", "--via", "dry-run", "--supporter", "marie"])
        #expect(unconfirmed.status == 2)
        #expect(unconfirmed.stderr.contains("add --yes"))
    }
}
