import Foundation
import Testing
@testable import Cartable

@Suite("Outbox migrations")
struct OutboxMigrationTests {
    /// A copy of `Fixtures/outbox/outbox-v1.sqlite` (written by Cartable before v2; see the README beside it).
    static func copyOfV1Outbox() throws -> (outbox: SQLiteOutbox, folder: URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cartable-v1-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("outbox.sqlite").path
        try FileManager.default.copyItem(atPath: Fixtures.url("outbox/outbox-v1.sqlite").path, toPath: path)
        return (try SQLiteOutbox(path: path, access: .readWrite), folder)
    }

    @Test("an outbox written before v2 opens: keys name the sending channel, the dry run reaches no one, nothing is lost")
    func v1OutboxOpens() async throws {
        let (outbox, folder) = try Self.copyOfV1Outbox()
        defer { try? FileManager.default.removeItem(at: folder) }
        let rows = try await outbox.allMessages()
        #expect(rows.count == 15)
        let x = rows.filter { $0.entry.channel == "x" }
        let dryRun = rows.filter { $0.entry.channel == "dry-run" }
        #expect(x.count == 10 && dryRun.count == 5)
        #expect(x.allSatisfy { $0.state == .queued && $0.entry.reachesRecipient && $0.entry.idempotencyKey.rawValue.hasSuffix("/x") })
        #expect(dryRun.allSatisfy { $0.state == .sent && !$0.entry.reachesRecipient && $0.entry.idempotencyKey.rawValue.hasSuffix("/dry-run") })
        let w1 = try #require(try await outbox.message(IdempotencyKey(campaign: "write-test", supporter: "marie", recipient: "W1", channel: .x)))
        #expect(w1.entry.text.hasPrefix(".@JeromeGuedj "))

        // Queueing the same batch again with today's keys adds nothing: the rewritten keys are the ones made now.
        let audience = try SupporterFixtures.audience()
        let composer = Composer(campaign: audience.campaign)
        let again = composer.messages(for: audience.targets).map { OutboxEntry($0, campaign: audience.campaign, via: .x) }
        #expect(try outbox.enqueue(again, pacing: nil, now: Date()) == EnqueueResult(added: 0, alreadyQueued: 5))

        // The dry run's sent rows do not use up W1's cap (1 per hour): the organiser's x message to W1 can be claimed.
        let caps = RecipientCaps(perHour: 1, perDay: 1)
        let claim = try await outbox.claim(
            IdempotencyKey(campaign: "write-test", recipient: "W1", channel: .x), caps: caps, owner: .test("a"), leaseDuration: 60, now: Date())
        guard case .claimed(let claimed) = claim else {
            Issue.record("expected a claim, got \(claim)")
            return
        }
        #expect(claimed.entry.recipientID == "W1" && claimed.state == .sending)
    }

    @Test("migrating twice changes nothing")
    func reopening() async throws {
        let (outbox, folder) = try Self.copyOfV1Outbox()
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try await outbox.allMessages()
        let reopened = try SQLiteOutbox(path: outbox.path, access: .readWrite)
        #expect(try await reopened.allMessages() == before)
    }

    @Test("opened read-only, an outbox written before v2 is read as migrated, through a private copy: the file is not changed")
    func v1OutboxReadOnly() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cartable-v1-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("outbox.sqlite").path
        try FileManager.default.copyItem(atPath: Fixtures.url("outbox/outbox-v1.sqlite").path, toPath: path)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let outbox = try SQLiteOutbox(path: path, access: .readOnly)
        let rows = try await outbox.allMessages()
        #expect(rows.count == 15)
        #expect(rows.filter { $0.entry.channel == "dry-run" }.allSatisfy { !$0.entry.reachesRecipient && $0.entry.idempotencyKey.rawValue.hasSuffix("/dry-run") })
        #expect(try await outbox.message(IdempotencyKey(campaign: "write-test", supporter: "marie", recipient: "W1", channel: .x)) != nil,
                "found by today's key")
        let report = try await outbox.report(campaignID: nil, errorLimit: 5)
        #expect(report.states[.queued] == 10 && report.states[.sent] == 5, "\(report.states)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test("the errors refusing a file as an outbox name no CLI option or command (the CLI adds its own hint)")
    func refusalsNameNoFlag() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cartable-refusals-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let empty = folder.appendingPathComponent("empty.sqlite").path
        #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
        let text = folder.appendingPathComponent("text.sqlite").path
        try Data("not a database at all, but long enough".utf8).write(to: URL(fileURLWithPath: text))
        let cases: [(String, OutboxAccess)] = [
            (folder.appendingPathComponent("missing.sqlite").path, .readOnly), (folder.path, .readWrite), ("/dev/null", .readWrite),
            (empty, .readWrite), (text, .readOnly),
        ]
        for (path, access) in cases {
            do {
                _ = try SQLiteOutbox(path: path, access: access)
                Issue.record("\(path) opened")
            } catch {
                #expect(!error.description.contains("--") && !error.description.contains("cartable "), "\(error.description)")
            }
        }
    }
}
