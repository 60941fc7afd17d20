import Foundation

/// `cartable serve` started as a child process: its address read from the `listening on http://…` line it prints,
/// its access log discarded, stopped with SIGTERM (graceful: requests in flight finish, the outbox is closed).
final class ServedBinary {
    let process: Process
    let baseURL: String

    private init(process: Process, baseURL: String) {
        self.process = process
        self.baseURL = baseURL
    }

    /// Starts `executable arguments` with `environment` added to the benchmark's; waits up to 60 s for its address.
    static func start(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> ServedBinary {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, added in added }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        var seen = Data()
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen.append(chunk)
            let text = String(decoding: seen, as: UTF8.self)
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("listening on ") }) {
                return ServedBinary(process: process, baseURL: String(line.dropFirst("listening on ".count)))
            }
        }
        process.terminate()
        process.waitUntilExit()
        throw BenchFailure("\(executable) \(arguments.joined(separator: " ")) did not start listening (exit \(process.terminationStatus)): "
            + String(decoding: seen, as: UTF8.self))
    }

    /// SIGTERM, then waits for it to finish.
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }
}
