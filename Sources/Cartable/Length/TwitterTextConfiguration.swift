/// A twitter-text weighting configuration (`config/v1.json`, `v2.json`, `v3.json` upstream).
///
/// The weighted length of a text is the sum of the weights of its code points (or emoji, when
/// `emojiParsingEnabled`), plus `transformedURLLength * scale` for each URL, divided by `scale`.
public struct TwitterTextConfiguration: Sendable, Hashable, Codable {
    /// A range of code points that share a weight. Bounds are inclusive Unicode scalar values.
    public struct WeightRange: Sendable, Hashable, Codable {
        /// First code point of the range.
        public var start: UInt32
        /// Last code point of the range (inclusive).
        public var end: UInt32
        /// Weight of each code point in the range, in `scale` units.
        public var weight: Int

        /// Code points `start...end` each weigh `weight`.
        public init(start: UInt32, end: UInt32, weight: Int) {
            self.start = start
            self.end = end
            self.weight = weight
        }
    }

    /// The configuration's version number (1, 2 or 3 upstream).
    public var version: Int
    /// The limit, in weighted characters.
    public var maxWeightedTweetLength: Int
    /// The factor weights are expressed in (1 for v1, 100 for v2 and v3).
    public var scale: Int
    /// Weight of a code point outside every range.
    public var defaultWeight: Int
    /// Whether emoji sequences count as one unit of `defaultWeight` (v3).
    public var emojiParsingEnabled: Bool
    /// How many characters a URL counts, whatever its length.
    public var transformedURLLength: Int
    /// Weighted ranges of code points; the first range containing a code point gives its weight.
    public var ranges: [WeightRange]

    /// Creates a configuration from its parts.
    public init(
        version: Int, maxWeightedTweetLength: Int, scale: Int, defaultWeight: Int,
        emojiParsingEnabled: Bool, transformedURLLength: Int, ranges: [WeightRange]
    ) {
        self.version = version
        self.maxWeightedTweetLength = maxWeightedTweetLength
        self.scale = scale
        self.defaultWeight = defaultWeight
        self.emojiParsingEnabled = emojiParsingEnabled
        self.transformedURLLength = transformedURLLength
        self.ranges = ranges
    }

    private enum CodingKeys: String, CodingKey {
        case version, maxWeightedTweetLength, scale, defaultWeight, emojiParsingEnabled, transformedURLLength, ranges
    }

    /// Decodes a configuration file; `emojiParsingEnabled` may be absent (it then means `false`).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try container.decode(Int.self, forKey: .version)
        maxWeightedTweetLength = try container.decode(Int.self, forKey: .maxWeightedTweetLength)
        scale = try container.decode(Int.self, forKey: .scale)
        defaultWeight = try container.decode(Int.self, forKey: .defaultWeight)
        emojiParsingEnabled = try container.decodeIfPresent(Bool.self, forKey: .emojiParsingEnabled) ?? false
        transformedURLLength = try container.decode(Int.self, forKey: .transformedURLLength)
        ranges = try container.decode([WeightRange].self, forKey: .ranges)
    }

    /// twitter-text v1, the classic 140: every code point weighs 1, a URL counts 23.
    public static let v1 = TwitterTextConfiguration(
        version: 1, maxWeightedTweetLength: 140, scale: 1, defaultWeight: 1,
        emojiParsingEnabled: false, transformedURLLength: 23, ranges: []
    )

    /// twitter-text v2: 280, Latin and common punctuation weigh 1, everything else 2.
    public static let v2 = TwitterTextConfiguration(
        version: 2, maxWeightedTweetLength: 280, scale: 100, defaultWeight: 200,
        emojiParsingEnabled: false, transformedURLLength: 23, ranges: latinRanges
    )

    /// twitter-text v3 (the upstream default): v2 plus emoji sequences counted as one unit of weight 2.
    public static let v3 = TwitterTextConfiguration(
        version: 3, maxWeightedTweetLength: 280, scale: 100, defaultWeight: 200,
        emojiParsingEnabled: true, transformedURLLength: 23, ranges: latinRanges
    )

    private static let latinRanges = [
        WeightRange(start: 0, end: 4351, weight: 100),
        WeightRange(start: 8192, end: 8205, weight: 100),
        WeightRange(start: 8208, end: 8223, weight: 100),
        WeightRange(start: 8242, end: 8247, weight: 100),
    ]
}
