/// The Mastodon account a campaign posts from.
public struct MastodonSettings: Sendable, CustomStringConvertible {
    /// The visibilities Mastodon accepts.
    public static let visibilities = ["public", "unlisted", "private", "direct"]

    /// The instance (`CARTABLE_MASTODON_URL`), e.g. `https://mastodon.social`.
    public var instance: HTTPEndpoint
    /// A user token with `write:statuses` (`CARTABLE_MASTODON_TOKEN`).
    public var accessToken: Secret
    /// `public`, `unlisted`, `private` or `direct` (`CARTABLE_MASTODON_VISIBILITY`, default `public`).
    public var visibility: String

    /// Settings from their parts.
    public init(instance: HTTPEndpoint, accessToken: Secret, visibility: String = "public") {
        self.instance = instance
        self.accessToken = accessToken
        self.visibility = visibility
    }

    public var description: String {
        "mastodon \(instance.redactedDescription) (token <redacted>, visibility \(visibility))"
    }
}
