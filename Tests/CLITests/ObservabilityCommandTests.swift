import Cartable
import Foundation
import Testing

/// Metrics and logs of the built binary: `send --watch --metrics-port` and `serve --metrics-port`, their `/metrics`
/// read by the reference Prometheus parser and compared with what `cartable status --format json` says of the same
/// outbox; `--log-format json` lines parsed one by one; the secrets given to the binary looked for in every line and
/// page.
@Suite("metrics and logs", .enabled(if: PrometheusTextParser.isAvailable, "python3 with prometheus-client is missing (make test-deps installs it)"), .runsOffThePool)
struct ObservabilityCommandTests {
    typealias RunningServer = ServeCommandTests.RunningServer

    /// The `metrics on http://127.0.0.1:PORT/metrics` line of `text` (stdout for serve, stderr for send).
    static func metricsURL(_ text: () -> String, process: Process, timeout: TimeInterval = 120) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let match = text().firstMatch(of: /metrics on (http:\/\/127\.0\.0\.1:\d+\/metrics)\n/) { return String(match.output.1) }
            guard process.isRunning else { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record("no 'metrics on' line: \(text())")
        throw CancellationError()
    }

    /// The outbox's states as `cartable status --format json` gives them.
    static func statusStates(_ outbox: String) throws -> [String: Int] {
        let status = try CartableBinary.run(["status", "--format", "json", "--outbox", outbox])
        #expect(status.status == 0, "\(status.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        return try #require(object["states"] as? [String: Int])
    }

    /// Each line of `text` as a JSON object with a time, a level and a message (a line that is not is a failure).
    static func jsonLines(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { line in
            let object = try #require(try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not a JSON object: \(line)")
            let time = try #require(object["time"] as? String, "no time: \(line)")
            #expect((try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(time)) != nil, "time \(time) is ISO 8601")
            #expect(["trace", "debug", "info", "notice", "warning", "error", "critical"].contains(object["level"] as? String ?? ""), "\(line)")
            #expect(object["message"] is String, "\(line)")
            #expect(object["metadata"] is [String: Any], "\(line)")
            return object
        }
    }

    @Test func sendWatchServesMetricsThatAgreeWithTheOutboxAndLogsOneJSONLinePerDelivery() async throws {
        let (folder, campaign) = try ServeCommandTests.campaignFolder(web: "{}")
        defer { try? FileManager.default.removeItem(at: folder) }
        let outbox = folder.appendingPathComponent("outbox.sqlite").path
        let queued = try CartableBinary.run(["queue", campaign, "--via", "dry-run", "--outbox", outbox])
        #expect(queued.status == 0, "\(queued.stderr)")
        let count = try Self.statusStates(outbox)["queued"] ?? 0
        #expect(count == 5, "the fixture's five reachable deputies")

        let worker = try RunningServer(["send", "--watch", "--via", "dry-run", "--outbox", outbox, "--dry-run-output", "/dev/null",
                                        "--metrics-port", "0", "--log-format", "json", "--log-level", "debug"], environment: [:])
        let url = try Self.metricsURL({ worker.stderr }, process: worker.process)
        // The counters move as the rows are sent; the gauges are read from the outbox at each scrape.
        var samples: [PrometheusTextParser.Sample] = []
        let deadline = Date().addingTimeInterval(60)
        repeat {
            let page = try await ServeCommandTests.fetch(url)
            #expect(page.status == 200)
            #expect(page.headers["content-type"]?.hasPrefix("text/plain; version=0.0.4") == true)
            samples = try PrometheusTextParser.samples(page.body)
            if samples.value("cartable_messages", ["state": "sent"]) == Double(count) { break }
            try await Task.sleep(for: .milliseconds(100))
        } while Date() < deadline
        #expect(samples.value("cartable_deliveries_total", ["channel": "dry-run", "outcome": "delivered"]) == Double(count))
        #expect(samples.value("cartable_outbox_claimed_total", ["channel": "dry-run"]) == Double(count))
        #expect(samples.value("cartable_outbox_claim_duration_seconds_count", ["channel": "dry-run"]) >= 1)
        #expect(samples.value("cartable_outbox_claim_duration_seconds_bucket", ["channel": "dry-run", "le": "+Inf"])
            == samples.value("cartable_outbox_claim_duration_seconds_count", ["channel": "dry-run"]))
        let states = try Self.statusStates(outbox)
        for state in OutboxState.allCases {
            #expect(samples.value("cartable_messages", ["channel": "dry-run", "state": state.rawValue]) == Double(states[state.rawValue] ?? -1),
                    "\(state): the gauge equals cartable status")
            #expect(samples.value("cartable_campaign_messages", ["campaign": "write-test", "state": state.rawValue]) == Double(states[state.rawValue] ?? -1))
        }
        #expect(samples.value("cartable_recipients_reached", ["campaign": "write-test"]) == Double(count))
        #expect(samples.value("cartable_campaign_paused", ["campaign": "write-test"]) == 0)

        worker.process.interrupt()
        let deadlineExit = Date().addingTimeInterval(60)
        while worker.process.isRunning, Date() < deadlineExit { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!worker.process.isRunning)
        #expect(worker.process.terminationStatus == 130, "Ctrl-C: \(worker.stderr)")
        #expect(worker.stdout.contains("sent \(count),"), "the summary still goes to standard output: \(worker.stdout)")

        // Standard error: the metrics line, then only JSON lines, one per delivery among them.
        let lines = worker.stderr.split(separator: "\n").filter { !$0.hasPrefix("metrics on ") }.joined(separator: "\n")
        let entries = try Self.jsonLines(lines)
        let deliveries = entries.compactMap { $0["metadata"] as? [String: Any] }.filter { $0["outcome"] != nil }
        #expect(deliveries.count == count, "one line per delivery outcome: \(lines)")
        #expect(Set(deliveries.compactMap { $0["message_id"] as? Int }).count == count)
        #expect(deliveries.allSatisfy { $0["channel"] as? String == "dry-run" && $0["outcome"] as? String == "delivered" })
        #expect(!worker.stderr.contains("\u{1B}"), "no progress line between the log's lines")
    }

    @Test func sendMetricsPortNeedsWatchAndAFreeAddress() throws {
        let (folder, campaign) = try ServeCommandTests.campaignFolder(web: "{}")
        defer { try? FileManager.default.removeItem(at: folder) }
        let outbox = folder.appendingPathComponent("outbox.sqlite").path
        #expect(try CartableBinary.run(["queue", campaign, "--via", "dry-run", "--outbox", outbox]).status == 0)
        let once = try CartableBinary.run(["send", "--outbox", outbox, "--metrics-port", "0"])
        #expect(once.status == 2)
        #expect(once.stderr.contains("--metrics-port needs --watch"), "\(once.stderr)")
        let level = try CartableBinary.run(["send", "--outbox", outbox, "--log-level", "loud"])
        #expect(level.status == 2)
        #expect(level.stderr.contains("trace"), "the levels are listed: \(level.stderr)")
        let taken = try CartableBinary.run(["send", "--watch", "--via", "dry-run", "--outbox", outbox, "--metrics-host", "192.0.2.1", "--metrics-port", "9"])
        #expect(taken.status == 2, "an address it cannot listen on: \(taken.stderr)")
        #expect(taken.stderr.contains("cannot serve metrics on 192.0.2.1:9"))
        #expect(try Self.statusStates(outbox)["queued"] == 5, "nothing was sent")
    }

    @Test func serveCountsRequestsByRouteSendsAndFailuresAndNoSecretAppearsInItsLogOrMetrics() async throws {
        let (folder, campaign) = try ServeCommandTests.campaignFolder(web: "{send_through_campaign: true}")
        defer { try? FileManager.default.removeItem(at: folder) }
        let outbox = folder.appendingPathComponent("outbox.sqlite").path
        // A secret path on the receiver, a signing key, an admin token: none may show anywhere.
        let pathToken = "hookpath-\(UUID().uuidString.prefix(12))"
        let signingKey = "signing-\(UUID().uuidString)"
        let adminToken = "admin-\(UUID().uuidString)"
        var platform = RecordingReceiver.Platform.webhook
        platform.path = "/hook/\(pathToken)"
        // The first post fails (a 503): one retry, counted as a transient failure, then delivered.
        let receiver = try RecordingReceiver(platform: platform, fault: { number, _ in
            number == 1 ? .respond(.json(503, #"{"error":"busy"}"#)) : nil
        })
        defer { receiver.stop() }
        let server = try RunningServer(
            ["serve", campaign, "--port", "0", "--outbox", outbox, "--via", "webhook", "--metrics-port", "0",
             "--log-format", "json", "--log-level", "trace"],
            environment: ["CARTABLE_WEBHOOK_URL": receiver.baseURL + platform.path, "CARTABLE_WEBHOOK_SECRET": signingKey,
                          "CARTABLE_ADMIN_TOKEN": adminToken])
        let base = "http://127.0.0.1:\(try server.port())"
        let metricsURL = try Self.metricsURL({ server.stdout }, process: server.process)

        var requests = 0
        let page = try await ServeCommandTests.fetch(base + "/c/write-test/")
        requests += 1
        let cookie = try #require(page.headers["set-cookie"]?.split(separator: ";").first.map(String.init))
        let supporter = String(cookie.dropFirst("cartable_supporter=".count))
        for deputy in ["W1", "W2", "W3"] {
            #expect(try await ServeCommandTests.fetch(base + "/c/write-test/d/\(deputy)?token=\(adminToken)", headers: ["Cookie": cookie]).status == 200)
            requests += 1
        }
        let sent = try await ServeCommandTests.fetch(base + "/c/write-test/d/W1/send", method: "POST", body: "turn=0",
                                                     headers: ["Cookie": cookie, "Origin": base, "Content-Type": "application/x-www-form-urlencoded",
                                                               "Authorization": "Bearer \(adminToken)"])
        requests += 1
        #expect(sent.status == 303, "\(sent.body)")
        #expect(try await ServeCommandTests.fetch(base + "/metrics").status == 404, "no metrics on the supporters' page")
        #expect(try await ServeCommandTests.fetch(base + "/no/such/page").status == 404)
        requests += 2
        let thanks = try await ServeCommandTests.thanksOnceSent(base, cookie: cookie)
        #expect(thanks.body.contains("est parti le"), "delivered after one retry: \(thanks.body)")

        var samples: [PrometheusTextParser.Sample] = []
        var pages: [String] = []
        let deadline = Date().addingTimeInterval(60)
        repeat {
            let metrics = try await ServeCommandTests.fetch(metricsURL)
            #expect(metrics.status == 200)
            pages.append(metrics.body)
            samples = try PrometheusTextParser.samples(metrics.body)
            if samples.value("cartable_deliveries_total", ["outcome": "delivered"]) == 1 { break }
            try await Task.sleep(for: .milliseconds(100))
        } while Date() < deadline
        #expect(samples.value("cartable_deliveries_total", ["channel": "webhook", "outcome": "delivered"]) == 1)
        #expect(samples.value("cartable_deliveries_total", ["channel": "webhook", "outcome": "transient"]) == 1, "the 503")
        #expect(samples.value("cartable_supporter_sends_total", ["campaign": "write-test", "channel": "webhook", "result": "queued"]) == 1)
        let deputyRoute = ["method": "GET", "route": "/c/{campaign}/d/{deputy}", "status": "200"]
        #expect(samples.value("cartable_http_requests_total", deputyRoute) == 3, "three deputies, one route")
        #expect(samples.value("cartable_http_requests_total", ["method": "POST", "route": "/c/{campaign}/d/{deputy}/send", "status": "303"]) == 1)
        #expect(samples.value("cartable_http_requests_total", ["route": "NotFound", "status": "404"]) == 2)
        #expect(samples.value("cartable_http_request_duration_seconds_count", ["method": "GET", "route": "/c/{campaign}/d/{deputy}"]) == 3)
        let routes = Set(samples.compactMap { $0.labels["route"] })
        #expect(routes.allSatisfy { !$0.contains("W1") && !$0.contains("write-test") }, "patterns, never paths: \(routes)")
        let states = try Self.statusStates(outbox)
        for state in OutboxState.allCases {
            #expect(samples.value("cartable_messages", ["channel": "webhook", "state": state.rawValue]) == Double(states[state.rawValue] ?? -1), "\(state)")
        }
        #expect(samples.value("cartable_recipients_targeted", ["campaign": "write-test"]) == 6, "W1–W7 but the NI deputy")
        #expect(samples.value("cartable_recipients_reached", ["campaign": "write-test"]) == 1)

        #expect(server.terminate() == 0, "\(server.stderr)")
        let entries = try Self.jsonLines(server.stderr)
        let access = entries.compactMap { $0["metadata"] as? [String: Any] }.filter { $0["route"] != nil && $0["status"] != nil }
        // The metrics counted every request on the supporters' port (ours and the thanks page's polls) before the last scrape.
        let counted = Int(samples.value("cartable_http_requests_total"))
        #expect(counted >= requests)
        #expect(access.count == counted, "one line per request")
        #expect(access.allSatisfy { $0["method"] is String && $0["duration_ms"] is NSNumber })
        #expect(access.contains { $0["route"] as? String == "/c/{campaign}/d/{deputy}/send" && $0["status"] as? Int == 303 })
        #expect(access.allSatisfy { !($0["path"] as? String ?? "").contains("?") }, "no query strings")
        let deliveries = entries.compactMap { $0["metadata"] as? [String: Any] }.filter { $0["outcome"] != nil }
        #expect(deliveries.map { $0["outcome"] as? String } == ["transient", "delivered"], "one line per delivery outcome: \(deliveries)")
        #expect(deliveries.allSatisfy { $0["message_id"] as? Int == deliveries.first?["message_id"] as? Int && $0["channel"] as? String == "webhook" })
        #expect(deliveries.first?["reason"] is String, "the retry says why")

        for secret in [pathToken, signingKey, adminToken, supporter] {
            #expect(!server.stderr.contains(secret), "\(secret) in the log")
            #expect(!server.stdout.contains(secret))
            #expect(!pages.contains { $0.contains(secret) }, "\(secret) in /metrics")
        }
    }
}
