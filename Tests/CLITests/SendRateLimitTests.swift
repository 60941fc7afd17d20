import Cartable
import Foundation
import LoopbackHTTPServer
import Testing

/// `cartable send` against a loopback X whose answers state a limit far above the channel's default (200 per 15
/// minutes): the account follows the platform, unless the user chose the rate.
@Suite("cartable send follows the limits the platform states", .serialized, .runsOffThePool)
struct SendRateLimitTests {
    /// X answering every post with `x-rate-limit-limit: 10000`, `x-rate-limit-remaining: 9990`.
    static let generousX: RecordingReceiver.Platform = {
        var platform = RecordingReceiver.Platform.x
        platform.published = { id in
            .json(201, #"{"data":{"id":"\#(id)","text":"..."}}"#, headers: [
                ("x-rate-limit-limit", "10000"), ("x-rate-limit-remaining", "9990"),
                ("x-rate-limit-reset", String(Int(Date().timeIntervalSince1970) + 900)),
            ])
        }
        return platform
    }()

    let environment: (RecordingReceiver) -> [String: String] = { receiver in
        ["CARTABLE_X_API_URL": receiver.baseURL, "CARTABLE_X_CONSUMER_KEY": "ck", "CARTABLE_X_CONSUMER_SECRET": "cs",
         "CARTABLE_X_ACCESS_TOKEN": "at", "CARTABLE_X_ACCESS_SECRET": "as"]
    }

    @Test("headers stating 10000 per window raise the account above its default of 200 per 15 minutes")
    func headersRaiseTheBucket() async throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        let total = 260
        try folder.enqueue(total, channel: .x)
        let receiver = try RecordingReceiver(platform: Self.generousX)
        defer { receiver.stop() }
        let run = try RunningCartable(["send", "--via", "x", "--until-empty", "--concurrency", "8", "--outbox", folder.outboxPath],
                                      environment: environment(receiver), in: folder, label: "x-generous")
        // Held to 200 per 15 minutes, the last 60 would take 4.5 minutes: the run would be killed at the timeout.
        let status = run.wait(timeout: 90)
        #expect(status == 0, "\(run.stderr)")
        #expect(receiver.published == total)
        let rows = try await SQLiteOutbox(path: folder.outboxPath, access: .readWrite).allMessages()
        #expect(rows.allSatisfy { $0.state == .sent })
    }

    @Test("--rate is the user's limit: the headers' raise is ignored")
    func chosenRateIsNotRaised() async throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        try folder.enqueue(30, channel: .x)
        let receiver = try RecordingReceiver(platform: Self.generousX)
        defer { receiver.stop() }
        let run = try RunningCartable(
            ["send", "--via", "x", "--until-empty", "--concurrency", "4", "--rate", "10/15m", "--outbox", folder.outboxPath],
            environment: environment(receiver), in: folder, label: "x-chosen")
        // 10 at once, then one every 90 s: two seconds after the tenth, still 10.
        let started = Date()
        while receiver.published < 10 && Date().timeIntervalSince(started) < 60 { try await Task.sleep(for: .milliseconds(50)) }
        try await Task.sleep(for: .seconds(2))
        run.kill()
        run.wait()
        #expect(receiver.published == 10)
    }
}
