import Crypto
import Foundation

/// The record key a message's post is created under: a TID (the record-key type `app.bsky.feed.post` requires)
/// derived from the message's idempotency key, so that a resend names the same record and the PDS refuses it instead
/// of posting twice.
///
/// A TID is a 64-bit integer whose top bit is 0, written as 13 characters of base32-sortable
/// (`234567abcdefghijklmnopqrstuvwxyz`, most significant first). Here the other 63 bits are the first 63 bits of the
/// SHA-256 of the key's text: the TID's "time" and "clock identifier" carry no time, which the record-key syntax
/// allows (only the lexicon's `createdAt` says when the post was written). Two different keys share a record key with
/// odds of about n²/2⁶⁴ for n posts of one account.
public struct BlueskyRecordKey: Sendable, Hashable, CustomStringConvertible {
    /// The 13 characters.
    public let rawValue: String

    private static let alphabet = Array("234567abcdefghijklmnopqrstuvwxyz")

    /// The record key of the message with `key`.
    public init(_ key: IdempotencyKey) {
        let digest = Array(SHA256.hash(data: Data(key.rawValue.utf8)))
        var value = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        value &= ~(UInt64(1) << 63)
        var characters = [Character](repeating: "2", count: 13)
        for index in stride(from: 12, through: 0, by: -1) {
            characters[index] = Self.alphabet[Int(value & 31)]
            value >>= 5
        }
        rawValue = String(characters)
    }

    /// Whether `text` is a TID: 13 base32-sortable characters whose first leaves the top bit 0 (the spec's reference
    /// pattern `^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$`).
    public static func isTID(_ text: String) -> Bool {
        let characters = Array(text)
        guard characters.count == 13, let first = alphabet.firstIndex(of: characters[0]), first < 16 else { return false }
        return characters.allSatisfy { alphabet.contains($0) }
    }

    public var description: String { rawValue }
}
