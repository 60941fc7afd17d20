import Cartable
import Foundation
import Testing

@Suite("cartable queue", .serialized, .runsOffThePool)
struct QueueCommandTests {
    let campaign = RepositoryPaths.path("Campaigns/sensetwitt-2012.yml")

    @Test("queues the composed batch once; queueing again adds nothing; another sender channel is another set of keys")
    func queueIsIdempotent() async throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        let first = try CartableBinary.run(["queue", campaign, "--via", "dry-run", "--outbox", folder.outboxPath])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.hasPrefix("sensetwitt-2012: queued 337 new messages for dry-run, 0 already queued; 240 targets without a twitter handle"))
        let again = try CartableBinary.run(["queue", campaign, "--via", "dry-run", "--outbox", folder.outboxPath])
        #expect(again.stdout.hasPrefix("sensetwitt-2012: queued 0 new messages for dry-run, 337 already queued"))
        let x = try CartableBinary.run(["queue", campaign, "--via", "x", "--outbox", folder.outboxPath])
        #expect(x.status == 0)
        #expect(x.stdout.hasPrefix("sensetwitt-2012: queued 337 new messages for x, 0 already queued"))
        #expect(x.stderr.contains("sending window ended on 2012-07-13"), "the 2012 window is long over: \(x.stderr)")
        let supporter = try CartableBinary.run(["queue", campaign, "--via", "x", "--supporter", "alice", "--outbox", folder.outboxPath])
        #expect(supporter.stdout.hasPrefix("sensetwitt-2012: queued 337 new messages for x"))

        let rows = try await SQLiteOutbox(path: folder.outboxPath, access: .readWrite).allMessages()
        #expect(rows.count == 337 * 3)
        #expect(Set(rows.map(\.entry.idempotencyKey)).count == rows.count)
        let sample = try #require(rows.first { $0.entry.channel == "x" && $0.entry.supporterID == "organiser" })
        // One recipient's three messages: the key's last part is the sending channel, and it is the row's own parts.
        let keys = rows.filter { $0.entry.recipientID == sample.entry.recipientID }.map(\.entry.idempotencyKey.rawValue).sorted()
        let id = sample.entry.recipientID
        #expect(keys == ["sensetwitt-2012/alice/\(id)/x", "sensetwitt-2012/organiser/\(id)/dry-run", "sensetwitt-2012/organiser/\(id)/x"])
        #expect(rows.allSatisfy { $0.entry.reachesRecipient == ($0.entry.channel != "dry-run") })
        #expect(sample.entry.text.hasPrefix(".@\(sample.entry.recipientHandle ?? "?") "))
        #expect(sample.entry.variant != nil && sample.entry.language == "fr")
        // The preview and the queue agree message for message.
        let preview = try CartableBinary.run(["preview", campaign, "--format", "jsonl"])
        let previewTexts = Set(preview.stdout.split(separator: "\n").compactMap { line -> String? in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["text"] as? String
        })
        #expect(previewTexts == Set(rows.filter { $0.entry.supporterID == "organiser" && $0.entry.channel == "x" }.map(\.entry.text)))
    }

    @Test("messages with a problem are reported and not queued; the rest are")
    func problemsAreNotQueued() async throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        let result = try CartableBinary.run(["queue", RepositoryPaths.campaignFixture("too-long.yml"), "--via", "webhook", "--outbox", folder.outboxPath])
        #expect(result.status == 1)
        #expect(result.stderr.contains("error: not queued: Jérôme Guedj"), "\(result.stderr)")
        #expect(result.stderr.contains("too long: 164/140, 24 over the limit"), "\(result.stderr)")
        let rows = try await SQLiteOutbox(path: folder.outboxPath, access: .readWrite).allMessages()
        #expect(!rows.contains { $0.entry.recipientName == "Jérôme Guedj" })
        #expect(result.stdout.contains("queued \(rows.count) new message"))
    }

    @Test("a sender that cannot carry the campaign's messages is refused")
    func wrongChannel() throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        let result = try CartableBinary.run(["queue", campaign, "--via", "mastodon", "--outbox", folder.outboxPath])
        #expect(result.status == 2)
        #expect(result.stderr.contains("its messages go --via x, webhook or dry-run, not mastodon"))
        #expect(!FileManager.default.fileExists(atPath: folder.outboxPath))
        let unknown = try CartableBinary.run(["queue", campaign, "--via", "carrier-pigeon", "--outbox", folder.outboxPath])
        #expect(unknown.status == 2)
    }

    @Test("the whole pipeline: queue for a webhook, send, status; the receiver gets each message once with its key")
    func pipeline() async throws {
        let campaign = RepositoryPaths.path("Tests/CLITests/Fixtures/pipeline-webhook.yml")
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        let receiver = try RecordingReceiver()
        defer { receiver.stop() }
        let environment = ["CARTABLE_WEBHOOK_URL": receiver.baseURL + "/hook", "CARTABLE_OUTBOX": folder.outboxPath]
        // The fixture names the shipped list, outside its own folder: allowed as a user would allow it.
        let queue = try CartableBinary.run(["queue", campaign, "--via", "webhook", "--allow-path", RepositoryPaths.path("Campaigns/Recipients")],
                                           environment: environment)
        #expect(queue.status == 0, "\(queue.stderr)")
        let send = try CartableBinary.run(["send", "--concurrency", "16"], environment: environment)
        #expect(send.status == 0, "\(send.stderr)")
        #expect(send.stdout.hasPrefix("sent 577, retried 0, dead 0; 0 not final yet"), "\(send.stdout)")
        #expect(receiver.published == 577 && receiver.requestCount == 577)
        #expect(receiver.everything.contains("Idempotency-Key: pipeline-webhook/organiser/jean-marc-ayrault/webhook"))
        let status = try CartableBinary.run(["status"], environment: environment)
        #expect(status.stdout.contains("recipients: 577 reached, 0 not yet (of 577)"), "\(status.stdout)")
        let nothing = try CartableBinary.run(["send"], environment: environment)
        #expect(nothing.stdout == "nothing to send\n")
    }
}
