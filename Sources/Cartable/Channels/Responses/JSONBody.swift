import Foundation

/// Small readers for JSON response bodies.
enum JSONBody {
    /// The body as a JSON object, or `nil`.
    static func object(_ body: Data) -> [String: Any]? {
        try? JSONSerialization.jsonObject(with: body) as? [String: Any]
    }

    /// A string or integer field as text (ids come as either).
    static func text(_ value: Any?) -> String? {
        switch value {
        case let string as String: string
        case let number as NSNumber: number.stringValue
        default: nil
        }
    }
}
