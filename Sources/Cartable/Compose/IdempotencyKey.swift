/// The key that makes a message unique in the outbox: who sends (campaign and supporter), to whom and where.
///
/// Readable and unique by construction: `campaign/supporter/recipient/channel`, with `%` and `/` inside a part
/// written `%25` and `%2F`, so two different sets of parts can never give the same key:
/// `sensetwitt-2012/organiser/jerome-guedj/twitter`.
public struct IdempotencyKey: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The key as text.
    public let rawValue: String

    /// The supporter of a batch the organiser sends.
    public static let organiser = "organiser"

    /// The key for a message of `campaign`, sent by `supporter`, to `recipient`, on `channel`.
    public init(campaign: String, supporter: String = IdempotencyKey.organiser, recipient: String, channel: Channel) {
        rawValue = [campaign, supporter, recipient, channel.rawValue].map(Self.escape).joined(separator: "/")
    }

    /// A key already put together from escaped parts.
    init(escapedRawValue: String) {
        rawValue = escapedRawValue
    }

    /// Reads a key back; `nil` unless it has four parts.
    public init?(rawValue: String) {
        guard rawValue.split(separator: "/", omittingEmptySubsequences: false).count == 4 else { return nil }
        self.rawValue = rawValue
    }

    /// The four parts, unescaped: campaign, supporter, recipient, channel.
    public var parts: [String] {
        rawValue.split(separator: "/", omittingEmptySubsequences: false).map { Self.unescape(String($0)) }
    }

    /// The key as text.
    public var description: String { rawValue }

    /// Reads a key written as its text; fails unless it has four parts.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let key = IdempotencyKey(rawValue: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not campaign/supporter/recipient/channel: \(text)"))
        }
        self = key
    }

    /// Writes the key as its text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    static func escape(_ part: String) -> String {
        guard part.utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "/") }) else { return part }
        return part.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "/", with: "%2F")
    }

    static func unescape(_ part: String) -> String {
        guard part.contains("%") else { return part }
        return part.replacingOccurrences(of: "%2F", with: "/").replacingOccurrences(of: "%25", with: "%")
    }
}
