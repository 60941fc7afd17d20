import Foundation

/// Runs a command and reports its wall time and peak memory.
///
/// Peak memory is sampled from the child's own `/proc/PID/status` (`VmHWM`) while it runs: `getrusage(RUSAGE_CHILDREN)`
/// would also count the benchmark's pages that the child inherited before `exec`.
struct ChildProcess {
    struct Outcome {
        var status: Int32
        var seconds: Double
        var cpuSeconds: Double
        var peakMemoryMiB: Double
    }

    static func run(_ executable: String, _ arguments: [String], standardInput: URL? = nil) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        if let standardInput { process.standardInput = try FileHandle(forReadingFrom: standardInput) }
        let clock = ContinuousClock()
        let start = clock.now
        let cpuBefore = Stopwatch.childrenCPUSeconds
        try process.run()
        var peakKiB = 0
        while process.isRunning {
            peakKiB = max(peakKiB, highWaterMarkKiB(of: process.processIdentifier) ?? 0)
            usleep(5_000)
        }
        process.waitUntilExit()
        let elapsed = clock.now - start
        return Outcome(
            status: process.terminationStatus,
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
            cpuSeconds: Stopwatch.childrenCPUSeconds - cpuBefore,
            peakMemoryMiB: Double(peakKiB) / 1024
        )
    }

    private static func highWaterMarkKiB(of pid: Int32) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return nil }
        return Int(line.split(separator: " ").dropFirst().first ?? "")
    }
}
