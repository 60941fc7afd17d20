import Cartable
import Foundation
import LoopbackHTTPServer
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Real processes, real files, real HTTP: `cartable send` against a loopback receiver that honours idempotency keys.
@Suite("cartable send under faults", .serialized, .runsOffThePool)
struct SendFaultTests {
    func finalStates(_ folder: ScratchFolder) async throws -> [OutboxState: Int] {
        let rows = try await SQLiteOutbox(path: folder.outboxPath, access: .readWrite).allMessages()
        return Dictionary(grouping: rows, by: \.state).mapValues(\.count)
    }

    /// Kills a sender from inside the receiver, at a chosen request: the kill lands while that request is in flight,
    /// whatever the test's own thread is doing (on a loaded machine a polling loop can wake too late to kill at all).
    final class KillSwitch: @unchecked Sendable {
        // Guards every field.
        private let lock = NSLock()
        private var process: pid_t = 0
        private var atRequest = Int.max
        private var kills = 0

        /// How many times it has fired.
        var fired: Int { lock.withLock { kills } }

        /// Kills `process` when the receiver takes its `request`-th request.
        func arm(_ process: pid_t, atRequest request: Int) {
            lock.withLock { (self.process, atRequest) = (process, request) }
        }

        /// Called for each request, by number; fires once when the armed number comes.
        func request(_ number: Int) {
            let target: pid_t? = lock.withLock {
                guard number >= atRequest else { return nil }
                atRequest = .max
                kills += 1
                return process
            }
            if let target { kill(target, SIGKILL) }
        }
    }

    @Test("SIGKILL at random points, restarted each time: every message delivered, none published twice")
    func killAndRestart() async throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        let total = 3000
        try folder.enqueue(total)
        let killSwitch = KillSwitch()
        // A little latency keeps requests in flight when the kill lands.
        let receiver = try RecordingReceiver { number, _ in
            killSwitch.request(number)
            if number.isMultiple(of: 7) { usleep(3_000) }
            return nil
        }
        defer { receiver.stop() }
        let environment = ["CARTABLE_WEBHOOK_URL": receiver.baseURL + "/hook"]
        let arguments = ["send", "--via", "webhook", "--until-empty", "--concurrency", "16", "--outbox", folder.outboxPath]
        var generator = SystemRandomNumberGenerator()
        var kills = 0
        var publishedAtKill: [Int] = []
        // Six kills, each 50 to 350 requests into a run: at most 2,100 requests, so the batch cannot be done before.
        for round in 0..<6 {
            let run = try RunningCartable(arguments, environment: environment, in: folder, label: "kill-\(round)")
            killSwitch.arm(run.process.processIdentifier, atRequest: receiver.requestCount + Int.random(in: 50...350, using: &generator))
            let status = run.wait()
            guard killSwitch.fired == round + 1, run.process.terminationReason == .uncaughtSignal, status == SIGKILL else {
                Issue.record("run \(round) ended by itself (status \(status)) before its kill: \(run.stderr)")
                break
            }
            kills += 1
            publishedAtKill.append(receiver.published)
        }
        let last = try RunningCartable(arguments, environment: environment, in: folder, label: "final")
        let status = last.wait(timeout: 120)
        #expect(status == 0, "final run: \(last.stderr)")
        let states = try await finalStates(folder)
        print("kill test: \(total) messages, \(kills) SIGKILLs (at \(publishedAtKill) published), \(receiver.requestCount) requests, "
            + "\(receiver.resends) resends recognised by key, published \(receiver.published), duplicates published: \(receiver.contentPublishedTwice), "
            + "lost: \(total - states[.sent, default: 0])")
        #expect(kills == 6, "each run was killed midway")
        #expect(states == [.sent: total], "every message ends sent: \(states)")
        #expect(receiver.published == total, "each message published exactly once")
        #expect(receiver.contentPublishedTwice == 0, "no message published under two keys")
        #expect(last.stdout.contains("not final yet") && last.stdout.contains("0 not final yet"))
    }

    @Test("two senders on one outbox share the work and never send the same message twice")
    func twoSenders() async throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        let total = 2000
        try folder.enqueue(total)
        let receiver = try RecordingReceiver()
        defer { receiver.stop() }
        let environment = ["CARTABLE_WEBHOOK_URL": receiver.baseURL + "/hook"]
        let arguments = ["send", "--via", "webhook", "--until-empty", "--concurrency", "8", "--format", "jsonl", "--outbox", folder.outboxPath]
        let first = try RunningCartable(arguments, environment: environment, in: folder, label: "first")
        let second = try RunningCartable(arguments, environment: environment, in: folder, label: "second")
        #expect(first.wait() == 0, "\(first.stderr)")
        #expect(second.wait() == 0, "\(second.stderr)")
        func sentCount(_ run: RunningCartable) -> Int {
            run.stdout.split(separator: "\n").filter { $0.contains(#""event":"sent""#) }.count
        }
        let (a, b) = (sentCount(first), sentCount(second))
        print("two senders: \(total) messages, first sent \(a), second sent \(b), requests \(receiver.requestCount), resends \(receiver.resends)")
        #expect(a + b == total)
        #expect(a > 0 && b > 0, "both processes took part")
        #expect(receiver.requestCount == total, "no message was even requested twice")
        #expect(receiver.resends == 0)
        #expect(try await finalStates(folder) == [.sent: total])
    }

    @Test("429s (Retry-After seconds and HTTP date), 500s, slow answers and dropped connections: all delivered or dead with a reason")
    func misbehavingWebhook() async throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        let total = 300
        try folder.enqueue(total)
        // For its first 90 requests the receiver misbehaves in turn; then it behaves. (Counted, not timed: a sender
        // that starts late on a loaded machine must still meet every fault.)
        let receiver = try RecordingReceiver { number, _ in
            guard number < 90 else { return nil }
            switch number % 6 {
            case 0: return .respond(.json(429, #"{"error":"slow down"}"#, headers: [("Retry-After", "1")]))
            case 1:
                let date = Date() + 1
                let formatter = DateFormatter()
                formatter.locale = Locale(identifier: "en_US_POSIX")
                formatter.timeZone = TimeZone(identifier: "GMT")
                formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
                return .respond(.json(429, #"{"error":"slow down"}"#, headers: [("Retry-After", formatter.string(from: date))]))
            case 2: return .respond(.json(500, #"{"error":"oops"}"#))
            case 3: return .respondAfter(.milliseconds(1500), .json(201, #"{"id":"late"}"#))
            case 4: return .dropConnection
            default: return nil
            }
        }
        defer { receiver.stop() }
        let run = try RunningCartable(
            ["send", "--via", "webhook", "--until-empty", "--concurrency", "8", "--timeout", "1", "--lease", "5",
             "--backoff", "0.05", "--max-backoff", "0.5", "--format", "jsonl", "--outbox", folder.outboxPath],
            environment: ["CARTABLE_WEBHOOK_URL": receiver.baseURL + "/hook"], in: folder, label: "faults")
        let status = run.wait()
        let states = try await finalStates(folder)
        let events = run.stdout.split(separator: "\n")
        let pauses = events.filter { $0.contains(#""event":"paused""#) }.count
        let retries = events.filter { $0.contains(#""event":"retrying""#) }.count
        print("faulty webhook: \(total) messages, \(receiver.requestCount) requests, \(pauses) pauses, \(retries) retries, states \(states), "
            + "published \(receiver.published), duplicates published \(receiver.contentPublishedTwice)")
        #expect(states[.sent, default: 0] + states[.dead, default: 0] == total, "nothing lost: \(states)")
        #expect(states[.sent, default: 0] == total, "the faults pass, so everything gets through: \(states)")
        #expect(status == 0, "\(run.stderr)")
        #expect(pauses > 0 && retries > 0)
        #expect(receiver.contentPublishedTwice == 0)
    }

    @Test("X: a 429 with x-rate-limit-reset pauses the account; a retry after an ambiguous failure is a 403 duplicate, counted as sent")
    func xResetAndDuplicates() async throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        let total = 40
        try folder.enqueue(total, channel: .x)
        let start = Date()
        let reset = Int(start.timeIntervalSince1970) + 2
        let receiver = try RecordingReceiver(platform: .x) { number, request in
            // Requests 1–5 are the posts played below; the sender's first three are refused.
            if (6...8).contains(number) {
                return .respond(.json(429, #"{"title":"Too Many Requests"}"#, headers: [
                    ("x-rate-limit-limit", "200"), ("x-rate-limit-remaining", "0"), ("x-rate-limit-reset", String(reset))]))
            }
            return nil
        }
        defer { receiver.stop() }
        let environment = [
            "CARTABLE_X_API_URL": receiver.baseURL, "CARTABLE_X_CONSUMER_KEY": "ck-SECRET-1", "CARTABLE_X_CONSUMER_SECRET": "cs-SECRET-2",
            "CARTABLE_X_ACCESS_TOKEN": "at-SECRET-3", "CARTABLE_X_ACCESS_SECRET": "as-SECRET-4",
        ]
        // Some messages went out before a crash: the server has them, the outbox still says queued.
        for index in 0..<5 {
            _ = try await URLSessionless.post(receiver.baseURL + "/2/tweets", body: #"{"text":".@depute\#(index) Message \#(index) pour votre cartable http://mouves.org #ESS"}"#)
        }
        let run = try RunningCartable(["send", "--via", "x", "--until-empty", "--format", "jsonl", "--outbox", folder.outboxPath],
                                      environment: environment, in: folder, label: "x")
        #expect(run.wait(timeout: 60) == 0, "\(run.stderr)")
        let elapsed = Date().timeIntervalSince(start)
        let states = try await finalStates(folder)
        let duplicates = run.stdout.split(separator: "\n").filter { $0.contains(#""duplicate":true"#) }.count
        print("x: \(total) messages, \(receiver.requestCount) requests, \(duplicates) recognised duplicates, paused \(String(format: "%.1f", elapsed)) s")
        #expect(states == [.sent: total])
        #expect(duplicates == 5)
        #expect(run.stdout.contains(#""event":"paused""#))
        #expect(elapsed >= 1, "the account waited for the reset")
        #expect(receiver.contentPublishedTwice == 0)
        for secret in ["SECRET-1", "SECRET-2", "SECRET-3", "SECRET-4"] {
            #expect(!run.stdout.contains(secret) && !run.stderr.contains(secret))
        }
    }

    @Test("X: a post that went out but was answered 503 or cut off is retried with the same text; the 403 duplicate counts as sent")
    func xAmbiguousFailures() async throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        let total = 20
        try folder.enqueue(total, channel: .x)
        let receiver = try RecordingReceiver(platform: .x, afterPublishing: { publication in
            switch publication {
            case 1...3: .respond(.json(503, #"{"title":"Service Unavailable"}"#))
            case 4...5: .dropConnection
            default: nil
            }
        })
        defer { receiver.stop() }
        let environment = [
            "CARTABLE_X_API_URL": receiver.baseURL, "CARTABLE_X_CONSUMER_KEY": "ck", "CARTABLE_X_CONSUMER_SECRET": "cs",
            "CARTABLE_X_ACCESS_TOKEN": "at", "CARTABLE_X_ACCESS_SECRET": "as",
        ]
        let run = try RunningCartable(
            ["send", "--via", "x", "--until-empty", "--concurrency", "1", "--backoff", "0.01", "--max-backoff", "0.05", "--format", "jsonl",
             "--outbox", folder.outboxPath], environment: environment, in: folder, label: "x-ambiguous")
        #expect(run.wait(timeout: 60) == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        let retries = lines.filter { $0.contains(#""event":"retrying""#) }
        // The 503s come back as retries; a connection cut after the post may also be retried by libcurl itself on a
        // reused connection. Either way every ambiguous post ends as a recognised duplicate.
        #expect(retries.count >= 3)
        #expect(retries.allSatisfy { $0.contains("may have been posted") })
        #expect(lines.filter { $0.contains(#""duplicate":true"#) }.count == 5)
        #expect(try await finalStates(folder) == [.sent: total])
        #expect(receiver.published == total && receiver.contentPublishedTwice == 0)
    }

    @Test("Mastodon: a 429 with an ISO 8601 X-RateLimit-Reset pauses until then; the idempotency key makes resends harmless")
    func mastodonReset() async throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        let total = 30
        try folder.enqueue(total, channel: .mastodon)
        let resetDate = Date() + 1.5
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let resetText = iso.string(from: resetDate)
        let receiver = try RecordingReceiver(platform: .mastodon) { number, _ in
            number == 2 ? .respond(.json(429, #"{"error":"Too many requests"}"#, headers: [
                ("X-RateLimit-Limit", "300"), ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", resetText)])) : nil
        }
        defer { receiver.stop() }
        let run = try RunningCartable(
            ["send", "--via", "mastodon", "--until-empty", "--concurrency", "1", "--format", "jsonl", "--outbox", folder.outboxPath],
            environment: ["CARTABLE_MASTODON_URL": receiver.baseURL, "CARTABLE_MASTODON_TOKEN": "token-SECRET-9"], in: folder, label: "mastodon")
        #expect(run.wait(timeout: 60) == 0, "\(run.stderr)")
        let finished = Date()
        #expect(try await finalStates(folder) == [.sent: total])
        #expect(finished >= resetDate, "the account paused until the ISO reset")
        #expect(run.stdout.contains(#""event":"paused""#))
        #expect(!run.stdout.contains("SECRET-9") && !run.stderr.contains("SECRET-9"))
        let rows = try await SQLiteOutbox(path: folder.outboxPath, access: .readWrite).allMessages()
        #expect(rows.allSatisfy { $0.postURL?.hasPrefix("https://social.example/@org/") == true })
    }

    @Test("Bluesky: a 429 with RateLimit-Reset pauses the account; 500s are retried; a post stored but unanswered is resent under its record key and published once")
    func blueskyFaults() async throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        let total = 40
        try folder.enqueue(total, channel: .bluesky)
        let start = Date()
        let reset = Int(start.timeIntervalSince1970) + 2
        let pds = try FakePDS(fault: { call in
            switch call {
            case 2...3:
                .respond(.json(429, #"{"error":"RateLimitExceeded","message":"Rate Limit Exceeded"}"#, headers: [
                    ("RateLimit-Limit", "5000"), ("RateLimit-Remaining", "0"), ("RateLimit-Reset", String(reset)), ("RateLimit-Policy", "5000;w=3600")]))
            case 6...7: .respond(.json(500, #"{"error":"InternalServerError","message":"Internal Server Error"}"#))
            default: nil
            }
        }, afterStoring: { stored in
            // Stored, then the answer is lost or goes wrong: the ambiguous cases.
            switch stored {
            case 10...11: .dropConnection
            case 12: .respond(.json(502, #"{"error":"UpstreamFailure","message":"Upstream Failure"}"#))
            default: nil
            }
        })
        defer { pds.stop() }
        let run = try RunningCartable(
            ["send", "--via", "bluesky", "--until-empty", "--concurrency", "4", "--backoff", "0.05", "--max-backoff", "0.2", "--format", "jsonl",
             "--outbox", folder.outboxPath],
            environment: ["CARTABLE_BLUESKY_URL": pds.baseURL, "CARTABLE_BLUESKY_HANDLE": "campagne.bsky.social",
                          "CARTABLE_BLUESKY_APP_PASSWORD": "pass-SECRET-P"], in: folder, label: "bluesky")
        #expect(run.wait(timeout: 90) == 0, "\(run.stderr)")
        let elapsed = Date().timeIntervalSince(start)
        let lines = run.stdout.split(separator: "\n")
        print("bluesky: \(total) messages, published \(pds.published), resends refused as existing \(pds.refusedExisting), "
            + "paused \(String(format: "%.1f", elapsed)) s")
        #expect(try await finalStates(folder) == [.sent: total])
        #expect(pds.published == total, "each message published once")
        #expect(pds.textsPublishedTwice == 0)
        #expect(pds.refusedExisting >= 3, "each ambiguous post was resent and refused as an existing record")
        #expect(lines.contains { $0.contains(#""event":"paused""#) })
        #expect(lines.filter { $0.contains(#""event":"retrying""#) }.count >= 4)
        #expect(elapsed >= 1, "the account waited for the reset")
        let rows = try await SQLiteOutbox(path: folder.outboxPath, access: .readWrite).allMessages()
        #expect(rows.allSatisfy { $0.postID?.hasPrefix("at://\(FakePDS.did)/app.bsky.feed.post/") == true })
        #expect(Set(rows.compactMap(\.postID)).count == total)
        for secret in ["SECRET-A", "SECRET-R", "SECRET-P"] {
            #expect(!run.stdout.contains(secret) && !run.stderr.contains(secret))
        }
    }
}

/// A bare HTTP POST for a test to play a message that went out before a crash.
enum URLSessionless {
    static func post(_ url: String, body: String) async throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = ["-s", "-o", "/dev/null", "-X", "POST", "-H", "Content-Type: application/json", "--data-binary", body, url]
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
