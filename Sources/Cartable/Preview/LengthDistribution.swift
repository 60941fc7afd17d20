/// How message lengths spread: a count per weighted length, from which the summary's extremes, median and
/// histogram come. Memory grows with the longest length, not with the number of messages.
public struct LengthDistribution: Sendable, Hashable {
    /// The profile's limit.
    public let maxLength: Int
    private var counts: [Int] = []
    /// How many lengths were added.
    public private(set) var total = 0

    /// An empty distribution for a profile whose limit is `maxLength`.
    public init(maxLength: Int) {
        self.maxLength = max(1, maxLength)
    }

    /// Adds one message's weighted length.
    public mutating func add(_ length: Int) {
        let length = max(0, length)
        if length >= counts.count { counts += Array(repeating: 0, count: length - counts.count + 1) }
        counts[length] += 1
        total += 1
    }

    /// The shortest length added.
    public var minimum: Int? { counts.firstIndex { $0 > 0 } }
    /// The longest length added.
    public var maximum: Int? { counts.lastIndex { $0 > 0 } }

    /// The median length (the lower middle one for an even count).
    public var median: Int? {
        guard total > 0 else { return nil }
        let middle = (total + 1) / 2
        var seen = 0
        for (length, count) in counts.enumerated() {
            seen += count
            if seen >= middle { return length }
        }
        return nil
    }

    /// One bar of the histogram: lengths `lower...upper`, or every length over the limit when `isOverLimit`.
    public struct Bucket: Sendable, Hashable {
        /// The shortest length in the bucket.
        public var lower: Int
        /// The longest length in the bucket (for the over-limit bucket, the longest seen).
        public var upper: Int
        /// How many messages.
        public var count: Int
        /// Whether the bucket holds the messages over the limit.
        public var isOverLimit: Bool
    }

    /// Ten buckets of a tenth of the limit each, then one for the messages over the limit if there are any.
    public var histogram: [Bucket] {
        let bucketCount = 10
        var buckets = (0..<bucketCount).map { index in
            Bucket(lower: index * maxLength / bucketCount + (index == 0 ? 0 : 1), upper: (index + 1) * maxLength / bucketCount,
                   count: 0, isOverLimit: false)
        }
        var over = Bucket(lower: maxLength + 1, upper: maxLength + 1, count: 0, isOverLimit: true)
        for (length, count) in counts.enumerated() where count > 0 {
            if length > maxLength {
                over.count += count
                over.upper = length
            } else if let index = buckets.firstIndex(where: { length <= $0.upper }) {
                buckets[index].count += count
            }
        }
        return over.count > 0 ? buckets + [over] : buckets
    }
}
