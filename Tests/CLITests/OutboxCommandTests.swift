import Cartable
import Foundation
import LoopbackHTTPServer
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite("cartable send, status, retry, cancel", .serialized, .runsOffThePool)
struct OutboxCommandTests {
    @Test("status shows states, the satchel, variants, errors and the oldest waiting message; json has every recipient")
    func status() async throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        try folder.enqueue(12)
        let receiver = try RecordingReceiver { _, request in
            request.bodyText.contains(#""recipientID":"d3""#) || request.bodyText.contains(#""recipientID":"d7""#)
                ? .respond(.json(422, #"{"error":"recipient unknown"}"#)) : nil
        }
        defer { receiver.stop() }
        let send = try CartableBinary.run(["send", "--via", "webhook", "--outbox", folder.outboxPath],
                                          environment: ["CARTABLE_WEBHOOK_URL": receiver.baseURL + "/hook"])
        #expect(send.status == 1, "two messages died: \(send.stderr)")
        #expect(send.stdout.contains("sent 10, retried 0, dead 2; 0 not final yet"), "\(send.stdout)")
        #expect(send.stderr.contains("dead: #4 fault/organiser/d3/webhook: HTTP 422"), "\(send.stderr)")

        let table = try CartableBinary.run(["status", "--outbox", folder.outboxPath])
        #expect(table.status == 0)
        #expect(table.stdout.contains("12 messages (webhook 12)"), "\(table.stdout)")
        #expect(table.stdout.contains("  sent            10"), "\(table.stdout)")
        #expect(table.stdout.contains("  dead             2"), "\(table.stdout)")
        #expect(table.stdout.contains("recipients: 10 reached, 2 not yet (of 12)"))
        #expect(table.stdout.contains("not yet: Député 3 (d3): 1 dead"))
        #expect(table.stdout.contains("v0: 3/4") && table.stdout.contains("v1: 3/4") && table.stdout.contains("v2: 4/4"), "\(table.stdout)")
        #expect(table.stdout.contains("2× dead: HTTP 422"), "\(table.stdout)")

        let json = try CartableBinary.run(["status", "--format", "json", "--outbox", folder.outboxPath])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["states"] as? [String: Int])?["sent"] == 10)
        #expect((object["recipients"] as? [[String: Any]])?.count == 12)
        #expect(object["reached"] as? Int == 10)

        // Retry the dead ones, with the receiver now accepting them.
        let retry = try CartableBinary.run(["retry", "--campaign", "fault", "--outbox", folder.outboxPath])
        #expect(retry.stdout == "2 messages queued again\n")
        let cancelNone = try CartableBinary.run(["cancel", "--campaign", "other", "--outbox", folder.outboxPath])
        #expect(cancelNone.stdout == "0 messages cancelled\n")
        let cancel = try CartableBinary.run(["cancel", "--recipient", "d3", "--outbox", folder.outboxPath])
        #expect(cancel.stdout == "1 message cancelled\n")
        let after = try CartableBinary.run(["status", "--format", "json", "--outbox", folder.outboxPath])
        let states = try #require((try JSONSerialization.jsonObject(with: Data(after.stdout.utf8)) as? [String: Any])?["states"] as? [String: Int])
        #expect(states == ["queued": 1, "sending": 0, "sent": 10, "retrying": 0, "dead": 0, "cancelled": 1])
        let oldest = try #require((try JSONSerialization.jsonObject(with: Data(after.stdout.utf8)) as? [String: Any])?["oldestWaiting"] as? [String: Any])
        #expect(oldest["idempotencyKey"] as? String == "fault/organiser/d7/webhook")
    }

    @Test("retry and cancel refuse to act on nothing in particular")
    func emptySelection() throws {
        for command in ["retry", "cancel"] {
            let result = try CartableBinary.run([command, "--outbox", "/nonexistent/outbox.sqlite"])
            #expect(result.status == 2)
            #expect(result.stderr.contains("say which messages"))
        }
    }

    @Test("an outbox that is not there yet: the library's error with the CLI's hint; a wrong channel name lists the right ones")
    func missingOutboxAndUnknownChannel() throws {
        let path = "/nonexistent-\(UUID().uuidString)/outbox.sqlite"
        for command in [["send"], ["status"], ["retry", "--all"]] {
            let result = try CartableBinary.run(command + ["--outbox", path], environment: ["NO_COLOR": "1"])
            #expect(result.status == 2, "\(command)")
            #expect(result.stderr.contains("\(path): error: no outbox here yet"), "\(result.stderr)")
            #expect(result.stderr.contains(
                "hint: queue messages first (cartable queue CAMPAIGN --via CHANNEL), or point --outbox at an existing outbox"), "\(result.stderr)")
        }
        let unknown = try CartableBinary.run(["send", "--via", "fax", "--outbox", path])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("'fax' is invalid for '--via <channel>'"), "\(unknown.stderr)")
        #expect(unknown.stderr.contains("'dry-run', 'webhook', 'mastodon', 'x' or 'bluesky'"), "\(unknown.stderr)")
    }

    @Test("Ctrl-C finishes the requests in flight, records them, leaves no lease, and exits 130")
    func interrupt() async throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        try folder.enqueue(200)
        let receiver = try RecordingReceiver { _, _ in
            usleep(150_000)
            return nil
        }
        defer { receiver.stop() }
        let run = try RunningCartable(["send", "--via", "webhook", "--until-empty", "--concurrency", "4", "--outbox", folder.outboxPath],
                                      environment: ["CARTABLE_WEBHOOK_URL": receiver.baseURL + "/hook"], in: folder, label: "interrupt")
        let deadline = Date() + 30
        while receiver.published < 4 && run.process.isRunning && Date() < deadline { usleep(10_000) }
        run.kill(SIGINT)
        #expect(run.wait(timeout: 20) == 130, "\(run.stderr)")
        #expect(run.stderr.contains("stopping: finishing"), "\(run.stderr)")
        let rows = try await SQLiteOutbox(path: folder.outboxPath, access: .readWrite).allMessages()
        #expect(rows.filter { $0.state == .sending }.isEmpty, "no lease left behind")
        #expect(rows.filter { $0.state == .sent }.count == receiver.published, "every request that went out is recorded")
        #expect(receiver.published < 200)
    }

    @Test("a second Ctrl-C exits at once; the next run takes the abandoned rows back and sends them with the same keys")
    func secondInterrupt() async throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        try folder.enqueue(20)
        let receiver = try RecordingReceiver { number, _ in
            if number <= 4 { usleep(3_000_000) }
            return nil
        }
        defer { receiver.stop() }
        let environment = ["CARTABLE_WEBHOOK_URL": receiver.baseURL + "/hook"]
        let run = try RunningCartable(["send", "--via", "webhook", "--until-empty", "--concurrency", "4", "--outbox", folder.outboxPath],
                                      environment: environment, in: folder, label: "twice")
        let deadline = Date() + 30
        while receiver.requestCount < 4 && run.process.isRunning && Date() < deadline { usleep(10_000) }
        run.kill(SIGINT)
        usleep(200_000)
        let stoppedAt = Date()
        run.kill(SIGINT)
        #expect(run.wait(timeout: 20) == 130)
        #expect(Date().timeIntervalSince(stoppedAt) < 1.5, "the second Ctrl-C did not wait for the slow requests")
        let leased = try await SQLiteOutbox(path: folder.outboxPath, access: .readWrite).allMessages().filter { $0.state == .sending }
        #expect(leased.count == 4)
        let again = try RunningCartable(["send", "--via", "webhook", "--until-empty", "--outbox", folder.outboxPath],
                                        environment: environment, in: folder, label: "again")
        #expect(again.wait(timeout: 30) == 0, "\(again.stderr)")
        #expect(again.stderr.contains("recovered 4 messages"), "\(again.stderr)")
        #expect(try await SQLiteOutbox(path: folder.outboxPath, access: .readWrite).allMessages().allSatisfy { $0.state == .sent })
        #expect(receiver.published == 20 && receiver.contentPublishedTwice == 0)
    }

    @Test("secrets never show: not in events, errors, status, nor the outbox file")
    func secretsStayHidden() async throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        try folder.enqueue(6, channel: .mastodon)
        try folder.enqueue(3, channel: .webhook)
        let token = "tok-SECRET-7f3a"
        // A hostile server that echoes the credentials it received in its errors.
        let receiver = try RecordingReceiver(platform: .mastodon) { number, request in
            let echoed = request.header("Authorization") ?? ""
            return number.isMultiple(of: 2)
                ? .respond(.json(401, #"{"error":"The access token is invalid: \#(echoed)"}"#))
                : .respond(.json(503, #"{"error":"down, your token was \#(echoed)"}"#))
        }
        defer { receiver.stop() }
        // The webhook URL's path is a secret too (many receivers put their token there); this one refuses connections.
        let environment = [
            "CARTABLE_MASTODON_URL": receiver.baseURL, "CARTABLE_MASTODON_TOKEN": token,
            "CARTABLE_WEBHOOK_URL": "http://127.0.0.1:9/hook/PATH-SECRET-91", "CARTABLE_WEBHOOK_SECRET": "whsec-SECRET-5",
        ]
        let send = try CartableBinary.run(
            ["send", "--until-empty", "--max-attempts", "2", "--backoff", "0.01", "--max-backoff", "0.02", "--format", "jsonl", "--outbox", folder.outboxPath],
            environment: environment)
        let text = try CartableBinary.run(["send", "--outbox", folder.outboxPath], environment: environment)
        let status = try CartableBinary.run(["status", "--outbox", folder.outboxPath])
        let json = try CartableBinary.run(["status", "--format", "json", "--outbox", folder.outboxPath])
        #expect(send.stdout.contains(#""event":"dead""#), "\(send.stdout)\(send.stderr)")
        #expect(status.stdout.contains("dead"), "\(status.stdout)")
        var files = ""
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.url.path) {
            files += String(decoding: (try? Data(contentsOf: folder.url.appendingPathComponent(name))) ?? Data(), as: UTF8.self)
        }
        for output in [send.stdout, send.stderr, text.stdout, text.stderr, status.stdout, json.stdout, files] {
            for secret in ["SECRET-7f3a", "SECRET-91", "SECRET-5"] {
                #expect(!output.contains(secret), "\(secret) leaked")
            }
        }
        #expect(receiver.everything.contains(token), "the token did reach the server, so the check above means something")
    }

    @Test("a long echo cut after the secret, an echoed webhook path and query: hidden in send, status and the outbox file")
    func echoedWebhookPathAndLongBodies() async throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        try folder.enqueue(2, channel: .mastodon)
        try folder.enqueue(2, channel: .webhook)
        try folder.enqueue(1, channel: .x)
        let token = "tok-SECRET-TAIL-4b2c9e7d1a"
        let receiver = try RecordingReceiver(platform: .mastodon) { _, request in
            if request.path == "/2/tweets" {
                // X's OAuth header carries the consumer key and token percent-encoded.
                return .respond(.json(400, #"{"detail":"bad request, got \#(request.header("Authorization") ?? "")"}"#))
            }
            if request.target.hasPrefix("/services") {
                // A 404 page echoing the request line, raw and percent-encoded.
                let line = "POST \(request.target)"
                let encoded = line.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? line
                return .respond(LoopbackResponse(status: 404, body: Array("no route for \(line) (\(encoded))".utf8)))
            }
            // 270 characters, then the token: a cut at 300 characters before redacting keeps most of it.
            let echoed = String(repeating: "x", count: 270) + " " + (request.header("Authorization") ?? "")
            return .respond(.json(400, #"{"error":"\#(echoed)"}"#))
        }
        defer { receiver.stop() }
        let environment = [
            "CARTABLE_MASTODON_URL": receiver.baseURL, "CARTABLE_MASTODON_TOKEN": token,
            "CARTABLE_WEBHOOK_URL": receiver.baseURL + "/services/T0001/B0002/HOOKPATHSECRET?token=QUERYSECRET-77",
            "CARTABLE_X_API_URL": receiver.baseURL, "CARTABLE_X_CONSUMER_KEY": "ck+XKEYSECRET/12==", "CARTABLE_X_CONSUMER_SECRET": "cs",
            "CARTABLE_X_ACCESS_TOKEN": "at+XTOKENSECRET/34", "CARTABLE_X_ACCESS_SECRET": "as",
        ]
        let send = try CartableBinary.run(["send", "--until-empty", "--outbox", folder.outboxPath], environment: environment)
        let status = try CartableBinary.run(["status", "--outbox", folder.outboxPath])
        let json = try CartableBinary.run(["status", "--format", "json", "--outbox", folder.outboxPath])
        #expect(status.stdout.contains("dead"), "\(status.stdout)")
        #expect(status.stdout.contains("<redacted>"), "\(status.stdout)")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).map {
            String(decoding: (try? Data(contentsOf: folder.url.appendingPathComponent($0))) ?? Data(), as: UTF8.self)
        }.joined()
        // Any eight characters of the token in a row would be a leak.
        let pieces = (0...(token.count - 8)).map { String(token.dropFirst($0).prefix(8)) }
        for output in [send.stdout, send.stderr, status.stdout, json.stdout, files] {
            for secret in pieces + ["HOOKPATHSECRET", "QUERYSECRET", "B0002", "XKEYSECRET", "XTOKENSECRET"] {
                #expect(!output.contains(secret), "\(secret) leaked: \(output.prefix(2000))")
            }
        }
        #expect(receiver.everything.contains(token) && receiver.everything.contains("XKEYSECRET"), "the secrets reached the server")
    }

    @Test("a webhook URL with port 99999 is a settings error at start (exit 2), not a retry on each message")
    func webhookPortOutOfRange() async throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        try folder.enqueue(3, channel: .webhook)
        let send = try CartableBinary.run(["send", "--via", "webhook", "--outbox", folder.outboxPath],
                                          environment: ["CARTABLE_WEBHOOK_URL": "http://127.0.0.1:99999/hook/PORTPATH-SECRET"])
        #expect(send.status == 2, "\(send.stdout)\(send.stderr)")
        #expect(send.stderr.contains("CARTABLE_WEBHOOK_URL") && send.stderr.contains("port"), "\(send.stderr)")
        #expect(!(send.stdout + send.stderr).contains("PORTPATH-SECRET"))
        let rows = try await SQLiteOutbox(path: folder.outboxPath, access: .readOnly).allMessages()
        #expect(rows.allSatisfy { $0.state == .queued && $0.attempts == 0 }, "no attempt was made: \(rows.map { ($0.state, $0.lastError) })")
    }

    @Test("a platform's error body with terminal escapes: send's text output and status show them escaped; the outbox keeps the words")
    func platformEscapesReachNoTerminal() async throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        try folder.enqueue(2, channel: .webhook)
        let hostile = "bad\u{1B}]0;pwned\u{07}\u{1B}[2J\u{1B}[31mRED\u{202E}"
        let receiver = try RecordingReceiver { _, _ in
            .respond(LoopbackResponse(status: 400, body: Array("refused: \(hostile)".utf8)))
        }
        defer { receiver.stop() }
        let environment = ["CARTABLE_WEBHOOK_URL": receiver.baseURL + "/hook"]
        let send = try CartableBinary.run(["send", "--via", "webhook", "--outbox", folder.outboxPath], environment: environment)
        let status = try CartableBinary.run(["status", "--outbox", folder.outboxPath])
        #expect(send.stderr.contains("refused: bad"), "\(send.stderr)")
        #expect(status.stdout.contains("refused: bad"), "\(status.stdout)")
        for (name, output) in [("send", send.stdout + send.stderr), ("status", status.stdout + status.stderr)] {
            let raw = output.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) || $0 == "\u{202E}" }
            #expect(raw.isEmpty, "\(name) writes raw control characters: \(raw.map { String($0.value, radix: 16) })")
            #expect(output.contains(#"bad\u{1B}]0;pwned\u{7}\u{1B}[2J"#), "\(name): \(output)")
        }
    }
}
