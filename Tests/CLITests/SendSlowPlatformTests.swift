import Cartable
import Foundation
import LoopbackHTTPServer
import Testing

/// `cartable send` against platforms that answer each request just within the timeout, with a lease barely longer
/// than one request: a send made of several requests (Bluesky: resolve, session, create) outlasts the lease, and the
/// sender must renew it rather than take its own message back and post it again.
@Suite("cartable send to slow platforms", .serialized, .runsOffThePool)
struct SendSlowPlatformTests {
    /// Each answer takes this long; `--timeout 2 --lease 3`.
    static let latency = Duration.milliseconds(1500)
    static let total = 4

    func run(_ channel: String, folder: ScratchFolder, environment: [String: String]) throws -> (RunningCartable, Int32) {
        let run = try RunningCartable(
            ["send", "--via", channel, "--until-empty", "--concurrency", "4", "--timeout", "2", "--lease", "3", "--format", "jsonl",
             "--outbox", folder.outboxPath], environment: environment, in: folder, label: channel)
        return (run, run.wait(timeout: 120))
    }

    func expectEachSentOnce(_ run: RunningCartable, status: Int32, folder: ScratchFolder) async throws {
        #expect(status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        #expect(!lines.contains { $0.contains(#""event":"recovered""#) }, "the sender took back its own message: \(run.stdout)")
        #expect(lines.filter { $0.contains(#""event":"sent""#) }.count == Self.total, "\(run.stdout)")
        let rows = try await SQLiteOutbox(path: folder.outboxPath, access: .readOnly).allMessages()
        #expect(rows.allSatisfy { $0.state == .sent && $0.attempts == 1 }, "\(rows.map { ($0.state, $0.attempts, $0.lastError) })")
    }

    @Test("Bluesky: resolve, session and createRecord each take 1.5 s; the lease is renewed and each message is created once")
    func bluesky() async throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        try folder.enqueue(Self.total, channel: .bluesky) { "Bonjour @depute\($0).bsky.social, message \($0) pour votre cartable" }
        let pds = try FakePDS(latency: Self.latency)
        defer { pds.stop() }
        let (run, status) = try run("bluesky", folder: folder, environment: [
            "CARTABLE_BLUESKY_URL": pds.baseURL, "CARTABLE_BLUESKY_HANDLE": "campagne.bsky.social", "CARTABLE_BLUESKY_APP_PASSWORD": "pass"])
        try await expectEachSentOnce(run, status: status, folder: folder)
        #expect(pds.published == Self.total)
        #expect(pds.createCalls == Self.total, "one createRecord call per message")
        #expect(pds.textsPublishedTwice == 0)
    }

    @Test("Webhook, Mastodon and X: every answer takes 1.5 s; each message is requested once", arguments: ["webhook", "mastodon", "x"])
    func oneRequestChannels(channel: String) async throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        let (descriptor, platform): (ChannelDescriptor, RecordingReceiver.Platform) = switch channel {
        case "mastodon": (.mastodon, .mastodon)
        case "x": (.x, .x)
        default: (.webhook, .webhook)
        }
        try folder.enqueue(Self.total, channel: descriptor)
        let receiver = try RecordingReceiver(platform: platform, latency: Self.latency)
        defer { receiver.stop() }
        let environment: [String: String] = switch channel {
        case "mastodon": ["CARTABLE_MASTODON_URL": receiver.baseURL, "CARTABLE_MASTODON_TOKEN": "token"]
        case "x": ["CARTABLE_X_API_URL": receiver.baseURL, "CARTABLE_X_CONSUMER_KEY": "ck", "CARTABLE_X_CONSUMER_SECRET": "cs",
                   "CARTABLE_X_ACCESS_TOKEN": "at", "CARTABLE_X_ACCESS_SECRET": "as"]
        default: ["CARTABLE_WEBHOOK_URL": receiver.baseURL + "/hook"]
        }
        let (run, status) = try run(channel, folder: folder, environment: environment)
        try await expectEachSentOnce(run, status: status, folder: folder)
        #expect(receiver.published == Self.total)
        #expect(receiver.requestCount == Self.total, "one request per message")
        #expect(receiver.contentPublishedTwice == 0)
    }
}
