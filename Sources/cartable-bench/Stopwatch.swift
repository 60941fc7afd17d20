#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Wall-clock timing and peak memory for benchmark reports.
enum Stopwatch {
    /// Seconds taken by `body`.
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let clock = ContinuousClock()
        let elapsed = try clock.measure(body)
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// CPU seconds this thread spent in `body`: unlike wall time, other processes on the machine do not inflate it,
    /// so "per second on one core" figures hold on a shared machine.
    static func cpuSeconds(_ body: () throws -> Void) rethrows -> Double {
        let start = threadCPUTime()
        try body()
        return threadCPUTime() - start
    }

    /// CPU seconds all this process's threads spent while `body` ran (its own and, say, SwiftNIO's event loops'
    /// encoding and writing what it sends).
    static func processCPUSeconds(_ body: () throws -> Void) rethrows -> Double {
        func now() -> Double {
            var time = timespec()
            clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
            return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
        }
        let start = now()
        try body()
        return now() - start
    }

    private static func threadCPUTime() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// User plus system CPU seconds of all waited-for child processes so far.
    static var childrenCPUSeconds: Double {
        var usage = rusage()
        #if canImport(Glibc)
        getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &usage)
        #else
        getrusage(RUSAGE_CHILDREN, &usage)
        #endif
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }

    /// Peak resident memory of this process so far, in MiB.
    static var peakMemoryOfSelf: Double { peakMemory(of: RUSAGE_SELF) }

    /// Peak resident memory of the largest waited-for child process, in MiB.
    static var peakMemoryOfChildren: Double { peakMemory(of: RUSAGE_CHILDREN) }

    #if canImport(Glibc)
    private static func peakMemory(of who: __rusage_who) -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(who.rawValue), &usage)
        return Double(usage.ru_maxrss) / 1024  // KiB on Linux
    }
    #else
    private static func peakMemory(of who: Int32) -> Double {
        var usage = rusage()
        getrusage(who, &usage)
        return Double(usage.ru_maxrss) / 1_048_576  // bytes on macOS
    }
    #endif
}

/// Prints one benchmark figure per line, aligned.
func report(_ label: String, _ value: String) {
    let padding = String(repeating: " ", count: max(1, 56 - label.count))
    print("  \(label)\(padding)\(value)")
}

/// `1234567.8` → `1,234,568`.
func formatted(_ value: Double) -> String {
    let digits = String(Int(value.rounded()))
    var result = ""
    for (index, character) in digits.reversed().enumerated() {
        if index > 0 && index % 3 == 0 { result.append(",") }
        result.append(character)
    }
    return String(result.reversed())
}
