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
