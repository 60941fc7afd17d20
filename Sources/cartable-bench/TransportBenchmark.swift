import Cartable
import CartableCurl
import Foundation
import LoopbackHTTPServer

/// `make bench`, transport part: the webhook channel over ``CurlTransport`` against a loopback server that answers
/// at once, beside what `curl --parallel` and `wrk` (when installed) reach against the same server in the same run,
/// and the same against nginx when it is installed (so a slow Swift test server cannot hide the client's speed).
///
/// Environment: `CARTABLE_BENCH_REQUESTS` (default 20000), `CARTABLE_BENCH_CONCURRENCY` (default 64).
enum TransportBenchmark {
    static let target = 5_000.0

    /// Runs every measurement and prints one line per figure. Returns whether the webhook target was met on the Swift server.
    @discardableResult
    static func run() async -> Bool {
        let environment = ProcessInfo.processInfo.environment
        let requests = environment["CARTABLE_BENCH_REQUESTS"].flatMap(Int.init) ?? 20_000
        let concurrency = environment["CARTABLE_BENCH_CONCURRENCY"].flatMap(Int.init) ?? 64
        print("transport: \(requests) POSTs per figure, \(concurrency) in flight, loopback, \(ProcessInfo.processInfo.activeProcessorCount) cores")
        guard let server = try? LoopbackHTTPServer(handler: { _ in .respond(.json(200, #"{"id":"1"}"#)) }) else {
            print("transport: cannot start the loopback server")
            return false
        }
        defer { server.stop() }
        print("  server: Swift loopback server (LoopbackHTTPServer, a thread per connection)")
        let met = await measureAll(
            baseURL: server.baseURL, requests: requests, concurrency: concurrency,
            requestCount: { server.requestCount }, connectionCount: { server.connectionCount })
        if let nginx = NginxServer.start() {
            defer { nginx.stop() }
            print("  server: nginx (return 200, 1 worker)")
            await measureAll(baseURL: nginx.baseURL, requests: requests, concurrency: concurrency, requestCount: nil, connectionCount: nil)
        } else {
            print("  server: nginx not installed or did not start; skipped (apt-get install -y nginx to compare)")
        }
        return met
    }

    @discardableResult
    private static func measureAll(
        baseURL: String, requests: Int, concurrency: Int, requestCount: (() -> Int)?, connectionCount: (() -> Int)?
    ) async -> Bool {
        var configuration = CurlTransport.Configuration()
        configuration.proxy = .disabled
        configuration.maxConnectionsPerHost = concurrency
        configuration.maxCachedConnections = concurrency
        let transport = CurlTransport(configuration: configuration)
        guard let settings = try? ChannelSettings(environment: [
            "CARTABLE_WEBHOOK_URL": baseURL + "/hook", "CARTABLE_WEBHOOK_SECRET": "bench-secret",
        ]).webhook() else { return false }
        let webhook = WebhookSender(settings: settings, transport: transport)
        _ = await sendWebhooks(webhook, count: min(500, requests), concurrency: concurrency)  // warm-up: connections, caches
        let connectionsBefore = connectionCount?() ?? 0
        let started = ContinuousClock.now
        let delivered = await sendWebhooks(webhook, count: requests, concurrency: concurrency)
        let rate = perSecond(requests, since: started)
        let verdict = delivered == requests && rate >= target ? "target ≥ \(Int(target)) met" : "target ≥ \(Int(target)) NOT met"
        // Keep-alive evidence: how many new connections the server accepted during the timed run.
        let connections = connectionCount.map { "; \($0() - connectionsBefore) new connections" } ?? ""
        print("    webhook channel over CurlTransport: \(format(rate)) req/s (\(delivered)/\(requests) delivered\(connections); \(verdict))")

        let rawStarted = ContinuousClock.now
        let rawOK = await sendRaw(transport, baseURL: baseURL, count: requests, concurrency: concurrency)
        print("    CurlTransport alone (same POST):    \(format(perSecond(requests, since: rawStarted))) req/s (\(rawOK)/\(requests) 2xx)")

        if let curl = ExternalTool.find("curl") {
            let before = requestCount?() ?? 0
            let seconds = ExternalTool.time(curl, [
                "-s", "--parallel", "--parallel-max", String(min(concurrency, 300)), "-X", "POST",
                "-H", "Content-Type: application/json", "-d", #"{"text":"bench"}"#, "-o", "/dev/null",
                "\(baseURL)/hook/[1-\(requests)]",
            ])
            let served = requestCount.map { $0() - before }.map { " (\($0) served)" } ?? ""
            print("    curl --parallel --parallel-max \(min(concurrency, 300)): \(seconds.map { format(Double(requests) / $0) } ?? "failed") req/s\(served)")
        }
        if let wrk = ExternalTool.find("wrk") {
            let script = FileManager.default.temporaryDirectory.appendingPathComponent("cartable-bench-post.lua").path
            try? #"wrk.method = "POST"; wrk.body = '{"text":"bench"}'; wrk.headers["Content-Type"] = "application/json""#
                .write(toFile: script, atomically: true, encoding: .utf8)
            let output = ExternalTool.output(wrk, ["-t2", "-c\(concurrency)", "-d5s", "-s", script, baseURL + "/hook"])
            let line = output?.split(separator: "\n").first { $0.hasPrefix("Requests/sec:") }
            let rate = line.flatMap { Double($0.split(separator: " ").last ?? "") }
            print("    wrk -t2 -c\(concurrency) -d5s (POST):        \(rate.map(format) ?? "failed") req/s")
        } else {
            print("    wrk: not installed; skipped (apt-get install -y wrk to compare)")
        }
        return delivered == requests && rate >= target
    }

    private static func sendWebhooks(_ sender: WebhookSender, count: Int, concurrency: Int) async -> Int {
        await withTaskGroup(of: Int.self) { group in
            for worker in 0..<concurrency {
                group.addTask {
                    var delivered = 0
                    for index in stride(from: worker, to: count, by: concurrency) {
                        let message = OutgoingMessage(
                            idempotencyKey: IdempotencyKey(campaign: "bench", recipient: "PA\(index)", channel: .webhook),
                            text: "Madame la députée, message \(index) ✨", recipientHandle: "depute\(index)", language: "fr")
                        if await sender.send(message).isDelivered { delivered += 1 }
                    }
                    return delivered
                }
            }
            return await group.reduce(0, +)
        }
    }

    private static func sendRaw(_ transport: CurlTransport, baseURL: String, count: Int, concurrency: Int) async -> Int {
        guard let endpoint = try? HTTPEndpoint(string: baseURL + "/hook") else { return 0 }
        let request = endpoint.request(.post, headerFields: [.contentType: "application/json"])
        let body = Data(#"{"text":"bench"}"#.utf8)
        return await withTaskGroup(of: Int.self) { group in
            for worker in 0..<concurrency {
                group.addTask {
                    var succeeded = 0
                    for _ in stride(from: worker, to: count, by: concurrency) {
                        if let response = try? await transport.send(request, body: body), response.status.kind == .successful { succeeded += 1 }
                    }
                    return succeeded
                }
            }
            return await group.reduce(0, +)
        }
    }

    private static func perSecond(_ count: Int, since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Double(count) / max(seconds, 1e-9)
    }

    private static func format(_ rate: Double) -> String {
        let whole = Int(rate.rounded())
        let digits = String(whole)
        var grouped = ""
        for (offset, digit) in digits.reversed().enumerated() {
            if offset > 0 && offset.isMultiple(of: 3) { grouped.append(",") }
            grouped.append(digit)
        }
        return String(grouped.reversed())
    }
}

/// Runs command-line tools found on PATH.
enum ExternalTool {
    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Wall-clock seconds of a successful run, output discarded.
    static func time(_ executable: String, _ arguments: [String]) -> Double? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let started = Date()
        guard (try? process.run()) != nil else { return nil }
        process.waitUntilExit()
        return process.terminationStatus == 0 ? Date().timeIntervalSince(started) : nil
    }

    /// Standard output of a successful run.
    static func output(_ executable: String, _ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : nil
    }
}

/// An nginx answering `return 200` on a loopback port, started for the bench only, stopped after it.
final class NginxServer {
    let baseURL: String
    private let process: Process
    private let directory: URL

    private init(baseURL: String, process: Process, directory: URL) {
        self.baseURL = baseURL
        self.process = process
        self.directory = directory
    }

    static func start() -> NginxServer? {
        guard let nginx = ExternalTool.find("nginx") else { return nil }
        // Borrow a free port from the kernel through a throwaway loopback server.
        guard let probe = try? LoopbackHTTPServer(handler: { _ in .dropConnection }) else { return nil }
        let port = probe.port
        probe.stop()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cartable-bench-nginx-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let configuration = """
            worker_processes 1;
            daemon off;
            pid \(directory.path)/nginx.pid;
            error_log \(directory.path)/error.log;
            events { worker_connections 1024; }
            http {
                access_log off;
                client_body_temp_path \(directory.path);
                keepalive_requests 1000000;
                server { listen 127.0.0.1:\(port); location / { return 200 '{"id":"1"}'; } }
            }
            """
        let configPath = directory.appendingPathComponent("nginx.conf").path
        guard (try? configuration.write(toFile: configPath, atomically: true, encoding: .utf8)) != nil else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: nginx)
        process.arguments = ["-c", configPath, "-p", directory.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        // Wait until it accepts connections (at most 2 s).
        for _ in 0..<40 {
            if ExternalTool.find("curl").flatMap({ ExternalTool.time($0, ["-s", "-o", "/dev/null", "http://127.0.0.1:\(port)/"]) }) != nil {
                return NginxServer(baseURL: "http://127.0.0.1:\(port)", process: process, directory: directory)
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        process.terminate()
        return nil
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: directory)
    }
}
