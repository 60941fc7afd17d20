/// What can be wrong with a composed message.
public enum MessageProblem: Sendable, Hashable, CustomStringConvertible {
    /// Over the limit even after trying every other variant and leaving out every optional part; the text shown
    /// is the shortest that was tried.
    case tooLong(weightedLength: Int, maxLength: Int)
    /// Refused by the platform for another reason: empty, or holding a character it does not accept.
    case invalid
    /// No variant of the campaign is meant for the recipient (every variant has a `when` it does not match).
    case noTemplate
    /// Holds characters that make it read otherwise than written: a control character, or a bidirectional override,
    /// embedding or isolate left unbalanced; the detail says which.
    case hiddenCharacters(String)
    /// Nothing but the address (`.@handle`): the template said nothing for this recipient.
    case onlyAddress

    /// A stable name for programs: `too-long`, `invalid`, `no-template`, `hidden-characters`, `only-address`.
    public var code: String {
        switch self {
        case .tooLong: "too-long"
        case .invalid: "invalid"
        case .noTemplate: "no-template"
        case .hiddenCharacters: "hidden-characters"
        case .onlyAddress: "only-address"
        }
    }

    /// How many characters too many (0 unless too long).
    public var excess: Int {
        if case .tooLong(let length, let limit) = self { return max(0, length - limit) }
        return 0
    }

    /// The problem in a sentence: `too long: 164/140, 24 over the limit`.
    public var description: String {
        switch self {
        case .tooLong(let length, let limit): "too long: \(length)/\(limit), \(length - limit) over the limit"
        case .invalid: "not a valid post (empty, or a character the platform refuses)"
        case .noTemplate: "no variant is meant for this recipient"
        case .hiddenCharacters(let detail): "holds \(detail): the text would not read as written"
        case .onlyAddress: "nothing but the address: the template says nothing for this recipient"
        }
    }
}
