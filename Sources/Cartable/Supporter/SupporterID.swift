/// Who writes, as far as the outbox is concerned: the part of a message's ``IdempotencyKey`` that makes
/// "one supporter, one message per deputy" hold. Not a credential and not personal data: any short name a
/// supporter picks, or a random one stored on first use (see ``SupporterIDStore``).
public struct SupporterID: Sendable, Hashable, CustomStringConvertible {
    /// The id as written.
    public let rawValue: String

    /// The longest id accepted.
    public static let maxLength = 64

    /// Accepts 1 to 64 ASCII letters, digits, `-`, `_`, `.`, `@` and `+`; `nil` otherwise. The organiser's own
    /// batches use ``IdempotencyKey/organiser``, so that name is refused: a supporter must not collide with them.
    public init?(_ text: String) {
        guard (1...Self.maxLength).contains(text.utf8.count), text != IdempotencyKey.organiser,
              text.utf8.allSatisfy(Self.isAllowed) else { return nil }
        rawValue = text
    }

    /// A new random id, `supporter-` and 12 base-32 characters (60 bits: two supporters never meet by chance).
    public static func random() -> SupporterID {
        var generator = BufferedSystemRandom()
        return random(using: &generator)
    }

    /// A new random id drawn from `generator`.
    public static func random<Generator: RandomNumberGenerator>(using generator: inout Generator) -> SupporterID {
        // 32 characters: each takes 5 bits of one 64-bit draw (one call to the system's generator, not twelve).
        let alphabet = Array("abcdefghijkmnpqrstuvwxyz23456789".utf8)
        var bits = generator.next()
        var text = Array("supporter-".utf8)
        text.reserveCapacity(text.count + 12)
        for _ in 0..<12 {
            text.append(alphabet[Int(bits & 31)])
            bits >>= 5
        }
        // The alphabet is allowed and the length is fixed, so this cannot fail.
        return SupporterID(unchecked: String(decoding: text, as: UTF8.self))
    }

    private init(unchecked rawValue: String) {
        self.rawValue = rawValue
    }

    /// What an id may hold, for error messages.
    public static let rule = "1 to 64 letters, digits, '-', '_', '.', '@' or '+' (and not 'organiser')"

    /// The id as written.
    public var description: String { rawValue }

    private static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "@"), UInt8(ascii: "+"):
            true
        default:
            false
        }
    }
}
