/// How long a text is for a platform, and whether it fits.
///
/// The fields follow twitter-text's `TwitterTextParseResults`: ranges are inclusive indices in
/// UTF-16 code units of the *original* text (as Java, JavaScript and `NSString` count them), and an
/// empty text has both ranges at `-1`.
public struct Measurement: Sendable, Hashable, Codable {
    /// The length as the platform counts it (URLs at their fixed weight, weights divided by the scale).
    public var weightedLength: Int
    /// The largest `weightedLength` the platform accepts.
    public var maxLength: Int
    /// Whether the platform accepts the text: not empty, no invalid character, not over the limit.
    public var valid: Bool
    /// `weightedLength * 1000 / maxLength`, truncated.
    public var permillage: Int
    /// First UTF-16 index of the text (0, or -1 for an empty text).
    public var displayRangeStart: Int
    /// Last UTF-16 index of the text (-1 for an empty text).
    public var displayRangeEnd: Int
    /// First UTF-16 index of the part that fits (0, or -1 for an empty text).
    public var validRangeStart: Int
    /// Last UTF-16 index of the longest prefix that fits and holds no invalid character.
    public var validRangeEnd: Int

    /// Creates a measurement from its parts.
    public init(
        weightedLength: Int, maxLength: Int, valid: Bool, permillage: Int,
        displayRangeStart: Int, displayRangeEnd: Int, validRangeStart: Int, validRangeEnd: Int
    ) {
        self.weightedLength = weightedLength
        self.maxLength = maxLength
        self.valid = valid
        self.permillage = permillage
        self.displayRangeStart = displayRangeStart
        self.displayRangeEnd = displayRangeEnd
        self.validRangeStart = validRangeStart
        self.validRangeEnd = validRangeEnd
    }

    /// How many units the text is over the limit (0 when it fits).
    public var excess: Int { max(0, weightedLength - maxLength) }

    /// The result twitter-text gives for an empty or whitespace-only text: invalid, ranges at -1.
    static func empty(maxLength: Int) -> Measurement {
        Measurement(
            weightedLength: 0, maxLength: maxLength, valid: false, permillage: 0,
            displayRangeStart: -1, displayRangeEnd: -1, validRangeStart: -1, validRangeEnd: -1
        )
    }
}
