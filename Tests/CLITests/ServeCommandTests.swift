import Cartable
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `cartable serve`, the built binary on a free loopback port: pages over real HTTP, a send through the campaign to a
/// loopback webhook receiver, then SIGTERM and a clean exit; a SIGKILL during a flood of sends loses none it answered.
@Suite("cartable serve", .runsOffThePool)
struct ServeCommandTests {
    /// A running `cartable serve`, its output collected as it comes.
    final class RunningServer: @unchecked Sendable {
        let process = Process()
        private let lock = NSLock()
        private var output = ""
        private var errors = ""

        init(_ arguments: [String], environment: [String: String]) throws {
            process.executableURL = CartableBinary.url
            process.arguments = arguments
            var env = ProcessInfo.processInfo.environment
            env["NO_COLOR"] = "1"
            for (key, value) in environment { env[key] = value }
            process.environment = env
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            out.fileHandleForReading.readabilityHandler = { [weak self] handle in
                let data = handle.availableData
                self?.lock.withLock { self?.output += String(decoding: data, as: UTF8.self) }
            }
            err.fileHandleForReading.readabilityHandler = { [weak self] handle in
                let data = handle.availableData
                self?.lock.withLock { self?.errors += String(decoding: data, as: UTF8.self) }
            }
            try process.run()
        }

        var stdout: String { lock.withLock { output } }
        var stderr: String { lock.withLock { errors } }

        /// The port of `listening on http://127.0.0.1:PORT`, waiting up to `timeout` seconds for it.
        func port(timeout: TimeInterval = 120) throws -> Int {
            let deadline = Date().addingTimeInterval(timeout)
            while Date() < deadline {
                if let match = stdout.firstMatch(of: /listening on http:\/\/127\.0\.0\.1:(\d+)\n/), let port = Int(match.output.1) { return port }
                guard process.isRunning else { break }
                Thread.sleep(forTimeInterval: 0.05)
            }
            Issue.record("no 'listening on' line: stdout \(stdout) stderr \(stderr)")
            throw CancellationError()
        }

        /// Sends SIGTERM and waits up to `timeout` seconds for the exit status.
        func terminate(timeout: TimeInterval = 60) -> Int32? {
            process.terminate()
            let deadline = Date().addingTimeInterval(timeout)
            while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
            guard !process.isRunning else { return nil }
            return process.terminationStatus
        }

        deinit {
            if process.isRunning { process.interrupt(); process.waitUntilExit() }
        }
    }

    /// One HTTP exchange without cookies stored or redirects followed.
    final class Redirects: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
        func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                        newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
            completionHandler(nil)
        }
    }

    /// Write-test's thanks page for Jérôme Guedj (W1), in French, fetched until it says the message went (30 s at most).
    static func thanksOnceSent(_ base: String, cookie: String) async throws -> (status: Int, headers: [String: String], body: String) {
        let url = base + "/c/write-test/d/W1/thanks"
        var thanks = try await fetch(url, headers: ["Cookie": cookie, "Accept-Language": "fr"])
        let deadline = Date().addingTimeInterval(30)
        while !thanks.body.contains("est parti le"), Date() < deadline {
            try await Task.sleep(for: .milliseconds(50))
            thanks = try await fetch(url, headers: ["Cookie": cookie, "Accept-Language": "fr"])
        }
        return thanks
    }

    static func fetch(_ url: String, method: String = "GET", body: String? = nil, headers: [String: String] = [:]) async throws -> (status: Int, headers: [String: String], body: String) {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        request.httpShouldHandleCookies = false
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if let body { request.httpBody = Data(body.utf8) }
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpShouldSetCookies = false
        let session = URLSession(configuration: configuration, delegate: Redirects(), delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        let (data, response) = try await session.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        var fields: [String: String] = [:]
        for (name, value) in http.allHeaderFields { fields[String(describing: name).lowercased()] = String(describing: value) }
        return (http.statusCode, fields, String(decoding: data, as: UTF8.self))
    }

    /// A new folder holding the `write.yml` fixture with `web` as its `web:` keys and its list beside it (a campaign
    /// may only read files in its own folder); the caller removes the folder. Returns it and the campaign's path.
    static func campaignFolder(web: String) throws -> (folder: URL, campaign: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cartable-serve-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: RepositoryPaths.campaignFixture("write-deputies.csv"),
                                         toPath: folder.appendingPathComponent("write-deputies.csv").path)
        let campaign = try String(contentsOfFile: RepositoryPaths.campaignFixture("write.yml"), encoding: .utf8) + "\nweb: \(web)\n"
        let path = folder.appendingPathComponent("campaign.yml").path
        try campaign.write(toFile: path, atomically: true, encoding: .utf8)
        return (folder, path)
    }

    @Test func servesPagesSendsThroughTheCampaignAndStopsCleanlyOnSIGTERM() async throws {
        let (folder, campaignPath) = try Self.campaignFolder(web: #"{intro: "Écrivez à votre député.", send_through_campaign: true}"#)
        defer { try? FileManager.default.removeItem(at: folder) }
        let receiver = try RecordingReceiver(platform: .webhook)
        defer { receiver.stop() }

        let server = try RunningServer(
            ["serve", campaignPath, "--port", "0", "--outbox", folder.appendingPathComponent("outbox.sqlite").path, "--via", "webhook"],
            environment: ["CARTABLE_WEBHOOK_URL": receiver.baseURL + "/hook"])
        let port = try server.port()
        #expect(port > 0 && port != 8080, "--port 0 prints the port it got")
        let base = "http://127.0.0.1:\(port)"

        let page = try await Self.fetch(base + "/c/write-test/")
        #expect(page.status == 200)
        #expect(page.body.contains("<h1>Écrire à son député</h1>"))
        #expect(page.body.contains("Écrivez à votre député."))
        let cookie = try #require(page.headers["set-cookie"]?.split(separator: ";").first.map(String.init))

        let deputy = try await Self.fetch(base + "/c/write-test/d/W1", headers: ["Cookie": cookie])
        #expect(deputy.status == 200)
        #expect(deputy.body.contains("<h1>Jérôme Guedj</h1>"))
        #expect(deputy.body.contains("/280</span>") || deputy.body.contains("/140</span>"))

        let sent = try await Self.fetch(base + "/c/write-test/d/W1/send", method: "POST", body: "turn=0",
                                        headers: ["Cookie": cookie, "Origin": base, "Content-Type": "application/x-www-form-urlencoded"])
        #expect(sent.status == 303, "\(sent.body)")
        // The answer comes once the message is queued; the server's sender posts it afterwards.
        let thanks = try await Self.thanksOnceSent(base, cookie: cookie)
        #expect(thanks.body.contains("Votre message à Jérôme Guedj est parti le"), "\(thanks.body)")
        #expect(receiver.published == 1)

        let foreign = try await Self.fetch(base + "/c/write-test/d/W2/send", method: "POST", body: "turn=0",
                                           headers: ["Origin": "https://evil.example", "Content-Type": "application/x-www-form-urlencoded"])
        #expect(foreign.status == 403)
        #expect(receiver.published == 1)
        #expect(try await Self.fetch(base + "/healthz").status == 200)

        let status = server.terminate()
        #expect(status == 0, "SIGTERM stops it gracefully: \(server.stderr)")
        #expect(server.stderr.contains("GET /c/write-test/ 200"), "one access-log line per request")
        #expect(server.stderr.contains("POST /c/write-test/d/W2/send 403"))
        let supporter = String(cookie.dropFirst("cartable_supporter=".count))
        #expect(!server.stderr.contains(supporter), "no cookie in the log")
        #expect(!server.stdout.contains(supporter))
    }

    @Test func aRowOfACampaignTheServerDoesNotServeStaysQueued() async throws {
        let (folder, campaignPath) = try Self.campaignFolder(web: "{send_through_campaign: true}")
        defer { try? FileManager.default.removeItem(at: folder) }
        let outboxPath = folder.appendingPathComponent("outbox.sqlite").path
        // Another organiser's campaign on the same outbox and channel, queued (and due) before the server starts.
        let theirs = OutboxEntry(campaignID: "another-campaign", recipientID: "W1", channel: .webhook, text: "not this server's to post")
        do {
            let outbox = try SQLiteOutbox(path: outboxPath)
            #expect(try outbox.enqueue([theirs], pacing: nil, now: Date()).added == 1)
        }
        let receiver = try RecordingReceiver(platform: .webhook)
        defer { receiver.stop() }
        let server = try RunningServer(["serve", campaignPath, "--port", "0", "--outbox", outboxPath, "--via", "webhook"],
                                       environment: ["CARTABLE_WEBHOOK_URL": receiver.baseURL + "/hook"])
        let base = "http://127.0.0.1:\(try server.port())"
        let page = try await Self.fetch(base + "/c/write-test/")
        let cookie = try #require(page.headers["set-cookie"]?.split(separator: ";").first.map(String.init))
        let sent = try await Self.fetch(base + "/c/write-test/d/W1/send", method: "POST", body: "turn=0",
                                        headers: ["Cookie": cookie, "Origin": base, "Content-Type": "application/x-www-form-urlencoded"])
        #expect(sent.status == 303, "\(sent.body)")
        let thanks = try await Self.thanksOnceSent(base, cookie: cookie)
        #expect(thanks.body.contains("est parti le"), "\(thanks.body)")
        // The older row of the other campaign was due first: a sender that took every due row would have posted it.
        #expect(server.terminate() == 0, "\(server.stderr)")
        #expect(receiver.published == 1, "only the served campaign's message")
        #expect(!receiver.everything.contains("not this server") && !receiver.everything.contains("another-campaign"))
        let outbox = try SQLiteOutbox(path: outboxPath, access: .readOnly)
        #expect(try await outbox.message(theirs.idempotencyKey)?.state == .queued)
    }

    @Test func aSIGKILLAfterAnswersLosesNoSendItAnswered() async throws {
        // Every send comes from 127.0.0.1 here: limits high enough for the flood.
        let (folder, campaignPath) = try Self.campaignFolder(
            web: "{send_through_campaign: true, limits: {sends_per_hour: 1000, sends_per_hour_per_network: 1000}}")
        defer { try? FileManager.default.removeItem(at: folder) }
        let outboxPath = folder.appendingPathComponent("outbox.sqlite").path
        let receiver = try RecordingReceiver(platform: .webhook)
        defer { receiver.stop() }
        let server = try RunningServer(["serve", campaignPath, "--port", "0", "--outbox", outboxPath, "--via", "webhook"],
                                       environment: ["CARTABLE_WEBHOOK_URL": receiver.baseURL + "/hook"])
        let base = "http://127.0.0.1:\(try server.port())"

        // 150 supporters send at once; once 40 have their answer, the server is killed without warning.
        let deputies = ["W1", "W2", "W3", "W5", "W7"]
        var answered: [String] = []
        var killed = false
        try await withThrowingTaskGroup(of: (String, Int?).self) { group in
            for index in 0..<150 {
                group.addTask {
                    let supporter = "crash-\(index)"
                    let answer = try? await Self.fetch(base + "/c/write-test/d/\(deputies[index % deputies.count])/send", method: "POST", body: "turn=0",
                                                       headers: ["Cookie": "cartable_supporter=\(supporter)", "Origin": base,
                                                                 "Content-Type": "application/x-www-form-urlencoded"])
                    return (supporter, answer?.status)
                }
            }
            for try await (supporter, status) in group {
                // An answer that arrived was given before the kill, whenever this loop sees it.
                if status == 303 { answered.append(supporter) }
                if answered.count >= 40, !killed {
                    kill(server.process.processIdentifier, SIGKILL)
                    killed = true
                }
            }
        }
        server.process.waitUntilExit()
        #expect(killed, "40 sends were answered before the kill (\(answered.count)): \(server.stderr)")
        #expect(server.process.terminationReason == .uncaughtSignal)

        let outbox = try SQLiteOutbox(path: outboxPath, access: .readWrite)
        let supporters = Set(try await outbox.allMessages().map(\.entry.supporterID))
        let lost = answered.filter { !supporters.contains($0) }
        #expect(lost.isEmpty, "every send answered before the kill is in the outbox; lost: \(lost)")
    }

    @Test func badUsageAndMissingSettingsExit2BeforeListening() throws {
        let missing = try CartableBinary.run(["serve", "/nonexistent/campaign.yml", "--port", "0"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no such campaign file"))
        let port = try CartableBinary.run(["serve", RepositoryPaths.campaignFixture("write.yml"), "--port", "70000"])
        #expect(port.status == 2)
        #expect(port.stderr.contains("--port must be between 0 and 65535"))

        let (folder, path) = try Self.campaignFolder(web: "{send_through_campaign: true}")
        defer { try? FileManager.default.removeItem(at: folder) }
        let settings = try CartableBinary.run(["serve", path, "--port", "0", "--outbox", folder.appendingPathComponent("o.sqlite").path],
                                              environment: ["CARTABLE_X_API_URL": "", "CARTABLE_X_CONSUMER_KEY": ""])
        #expect(settings.status == 2)
        #expect(settings.stderr.contains("CARTABLE_X_"), "\(settings.stderr)")
        #expect(!settings.stdout.contains("listening on"))
    }
}
