import Foundation

/// The outbox stores times as integer milliseconds since 1970 (UTC).
extension Date {
    var outboxMilliseconds: Int64 { Int64((timeIntervalSince1970 * 1000).rounded(.down)) }

    init(outboxMilliseconds value: Int64) {
        self.init(timeIntervalSince1970: Double(value) / 1000)
    }
}
