import Cartable
import Foundation

/// The fields of a query string or an `application/x-www-form-urlencoded` body: `+` is a space, `%XX` a byte,
/// the first value of a repeated name wins.
struct FormFields: Sendable {
    private var values: [String: String] = [:]

    /// Reads `encoded` (`q=guedj&department=91`).
    init(_ encoded: Substring?) {
        guard let encoded else { return }
        for pair in encoded.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]) else { continue }
            let value = parts.count > 1 ? Self.decode(parts[1]) ?? "" : ""
            if values[name] == nil { values[name] = value }
        }
    }

    /// The value of `name`, trimmed, or `nil` when absent or blank.
    subscript(_ name: String) -> String? {
        guard let value = values[name]?.trimmedOfWhitespace, !value.isEmpty else { return nil }
        return value
    }

    /// The value of `name` as sent (not trimmed), or `nil` when absent.
    func raw(_ name: String) -> String? { values[name] }

    /// Whether `name` was sent at all.
    func has(_ name: String) -> Bool { values[name] != nil }

    private static func decode(_ part: Substring) -> String? {
        // Most names and values are plain (`q=guedj`): Foundation only for a `+` or a `%`.
        guard part.utf8.contains(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "%") }) else { return String(part) }
        return part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
