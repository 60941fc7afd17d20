/// Where a campaign posts its messages.
public enum Channel: String, Sendable, Hashable, Codable, CaseIterable {
    /// X (formerly Twitter): a public post mentioning the recipient's `@handle`.
    case twitter
    /// A Mastodon instance: a post mentioning `@user@instance`.
    case mastodon
    /// Bluesky: a post mentioning `@name.bsky.social`.
    case bluesky
    /// An HTTP endpoint of the organiser's, which receives every message; needs no handle.
    case webhook

    /// Whether a recipient needs a handle on this channel to be reached.
    public var needsHandle: Bool { self != .webhook }

    /// The name of the channel for people: `X`, `Mastodon`, `Bluesky`, `webhook`.
    public var displayName: String {
        switch self {
        case .twitter: "X (Twitter)"
        case .mastodon: "Mastodon"
        case .bluesky: "Bluesky"
        case .webhook: "webhook"
        }
    }
}
