/// How a platform counts the length of a post, and its limit.
///
/// ```swift
/// let measurement = LengthProfile.twitterClassic.measure("Bonjour .@depute https://example.fr")
/// measurement.weightedLength // 40: the URL counts 23
/// measurement.valid          // true
/// ```
///
/// `twitterClassic` (140, twitter-text v1) is the default everywhere in Cartable.
public struct LengthProfile: Sendable, Hashable {
    /// The profile's name as written in campaign files and on the command line (`twitter-classic`, `mastodon`...).
    public let name: String
    let counting: Counting

    enum Counting: Sendable, Hashable {
        case twitterText(TwitterTextCounter)
        case mastodon(MastodonCounter)
        case bluesky(BlueskyCounter)
    }

    /// The largest length the platform accepts, in its own units.
    public var maxLength: Int {
        switch counting {
        case .twitterText(let counter): counter.configuration.maxWeightedTweetLength
        case .mastodon(let counter): counter.maxCharacters
        case .bluesky(let counter): counter.maxGraphemes
        }
    }

    /// Measures `text` the way the platform does.
    public func measure(_ text: String) -> Measurement {
        switch counting {
        case .twitterText(let counter): counter.measure(text)
        case .mastodon(let counter): counter.measure(text)
        case .bluesky(let counter): counter.measure(text)
        }
    }

    /// A profile that counts with a twitter-text configuration (e.g. one loaded from a `config/*.json` file).
    public init(name: String, twitterText configuration: TwitterTextConfiguration) {
        self.name = name
        self.counting = .twitterText(TwitterTextCounter(configuration: configuration))
    }

    private init(name: String, counting: Counting) {
        self.name = name
        self.counting = counting
    }

    /// The classic 140 (twitter-text v1): every code point counts 1 after NFC, a URL counts 23. The default.
    public static let twitterClassic = LengthProfile(name: "twitter-classic", twitterText: .v1)

    /// X today (twitter-text v3): 280 weighted, CJK and emoji count 2, an emoji sequence counts as one emoji.
    public static let twitter = LengthProfile(name: "twitter", twitterText: .v3)

    /// twitter-text v2: 280 weighted, without emoji grouping.
    public static let twitterV2 = LengthProfile(name: "twitter-v2", twitterText: .v2)

    /// Bluesky: at most 300 grapheme clusters and 3000 UTF-8 bytes; links count in full.
    public static let bluesky = LengthProfile(name: "bluesky", counting: .bluesky(BlueskyCounter()))

    /// Mastodon, as its server counts: `limit` grapheme clusters (500 on a default instance) once leading and
    /// trailing whitespace is stripped, a URL with a scheme counts 23, and a mention `@user@domain` counts as `@user`.
    public static func mastodon(limit: Int = 500) -> LengthProfile {
        LengthProfile(name: "mastodon", counting: .mastodon(MastodonCounter(maxCharacters: max(1, limit))))
    }

    /// The names `init(named:)` accepts.
    public static let names = ["twitter-classic", "twitter", "twitter-v2", "mastodon", "bluesky"]

    /// The profile called `name` (one of `names`), or `nil`. `mastodon:N` sets a Mastodon instance's limit.
    public init?(named name: String) {
        switch name {
        case "twitter-classic": self = .twitterClassic
        case "twitter": self = .twitter
        case "twitter-v2": self = .twitterV2
        case "bluesky": self = .bluesky
        case "mastodon": self = .mastodon()
        default:
            guard name.hasPrefix("mastodon:"), let limit = Int(name.dropFirst("mastodon:".count)), limit > 0
            else { return nil }
            self = .mastodon(limit: limit)
        }
    }
}
