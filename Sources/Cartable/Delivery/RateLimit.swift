import Foundation

/// So many requests per period: a channel's posting limit.
public struct RateLimit: Sendable, Hashable, CustomStringConvertible {
    /// Requests allowed per period (also the burst).
    public var requests: Int
    /// The period, in seconds.
    public var period: TimeInterval

    /// So many requests per so many seconds.
    public init(requests: Int, period: TimeInterval) {
        self.requests = requests
        self.period = period
    }

    /// Reads `N/s`, `N/m`, `N/h`, `N/15m`, `N/24h` (or `N` per second).
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let count = parts.first.flatMap({ Int($0) }), count > 0 else { return nil }
        var period: TimeInterval = 1
        if parts.count == 2 {
            var unit = parts[1]
            let digits = unit.prefix { $0.isNumber }
            let multiple = digits.isEmpty ? 1 : Double(digits) ?? 0
            unit.removeFirst(digits.count)
            let seconds: Double? = switch unit {
            case "s", "sec", "second": 1
            case "m", "min", "minute": 60
            case "h", "hour": 3600
            case "d", "day": 86_400
            default: nil
            }
            guard let seconds, multiple > 0 else { return nil }
            period = multiple * seconds
        }
        self.init(requests: count, period: period)
    }

    public var description: String {
        let (value, unit): (Double, String) = period.truncatingRemainder(dividingBy: 3600) == 0 ? (period / 3600, "h")
            : period.truncatingRemainder(dividingBy: 60) == 0 ? (period / 60, "m") : (period, "s")
        return "\(requests)/\(value == 1 ? "" : String(Int(value)))\(unit)"
    }
}
