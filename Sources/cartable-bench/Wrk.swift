import Foundation

/// One `wrk` run against one URL, and what its output says: requests per second, latency percentiles, errors.
struct Wrk {
    /// What a run measured.
    struct Figures {
        var requestsPerSecond: Double
        var requests: Int
        var p50Milliseconds: Double
        var p99Milliseconds: Double
        /// Answers that were neither 2xx nor 3xx.
        var failedAnswers: Int
        /// Connect, read, write and timeout errors.
        var socketErrors: Int
    }

    var threads = 2
    var connections = 64
    var seconds = 10

    /// Whether `wrk` is on the PATH.
    static var isInstalled: Bool { path != nil }

    static var path: String? {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return folders.map { "\($0)/wrk" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// ``run(_:script:)`` on a thread of its own: waiting for wrk must not hold one of Swift's cooperative threads,
    /// which the hello server in this process answers on.
    func measure(_ url: String, script: URL? = nil) async throws -> Figures {
        let wrk = self
        return try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try wrk.run(url, script: script) }) }.start()
        }
    }

    /// Runs `wrk -tT -cC -dDs --latency [-s script] url`; its output parsed.
    func run(_ url: String, script: URL? = nil) throws -> Figures {
        guard let wrk = Self.path else { throw BenchFailure("wrk is not installed (make bench installs it with apt-get)") }
        var arguments = ["-t\(threads)", "-c\(connections)", "-d\(seconds)s", "--latency"]
        if let script { arguments += ["-s", script.path] }
        arguments.append(url)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: wrk)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0, let figures = Self.parse(text) else {
            throw BenchFailure("wrk \(arguments.joined(separator: " ")) failed (exit \(process.terminationStatus)): \(text)")
        }
        return figures
    }

    /// Reads wrk's report: `Requests/sec:`, the `--latency` distribution, `N requests in`, the error lines.
    static func parse(_ text: String) -> Figures? {
        var figures = Figures(requestsPerSecond: 0, requests: 0, p50Milliseconds: 0, p99Milliseconds: 0, failedAnswers: 0, socketErrors: 0)
        var sawRate = false, sawP99 = false
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            guard let first = words.first else { continue }
            switch first {
            case "Requests/sec:":
                if words.count > 1, let rate = Double(words[1]) { figures.requestsPerSecond = rate; sawRate = true }
            case "50%":
                figures.p50Milliseconds = words.count > 1 ? milliseconds(words[1]) ?? 0 : 0
            case "99%":
                if words.count > 1, let value = milliseconds(words[1]) { figures.p99Milliseconds = value; sawP99 = true }
            case "Non-2xx":
                figures.failedAnswers = words.last.flatMap { Int($0) } ?? 0
            case "Socket":
                // Socket errors: connect 0, read 0, write 0, timeout 0
                figures.socketErrors = words.compactMap { Int($0.trimmingCharacters(in: CharacterSet(charactersIn: ","))) }.reduce(0, +)
            default:
                if words.count > 2, words[1] == "requests", words[2] == "in", let count = Int(first) { figures.requests = count }
            }
        }
        return sawRate && sawP99 ? figures : nil
    }

    /// `812.00us`, `1.25ms`, `2.01s`, `1.5m` in milliseconds.
    static func milliseconds(_ text: String) -> Double? {
        for (unit, factor) in [("us", 0.001), ("ms", 1.0), ("s", 1000.0), ("m", 60_000.0)] where text.hasSuffix(unit) {
            if let value = Double(text.dropLast(unit.count)) { return value * factor }
        }
        return nil
    }
}

extension Wrk.Figures {
    /// Several runs of one URL as one: the fastest run, its rate and latencies as measured, with every run's failures.
    init(bestOf runs: [Wrk.Figures]) {
        self = runs.max { $0.requestsPerSecond < $1.requestsPerSecond }!
        failedAnswers = runs.map(\.failedAnswers).reduce(0, +)
        socketErrors = runs.map(\.socketErrors).reduce(0, +)
    }
}
