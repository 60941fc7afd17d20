/// Links that open a platform's post box with a message filled in, so a supporter posts it from their own account.
///
/// The text is the query's only parameter, percent-encoded with ``PercentEncoding`` (RFC 3986 unreserved
/// characters only), so decoding the parameter gives back exactly the text.
public enum IntentLink {
    /// X's post box: `https://x.com/intent/post?text=`.
    public static let xPrefix = "https://x.com/intent/post?text="
    /// Bluesky's post box: `https://bsky.app/intent/compose?text=`.
    public static let blueskyPrefix = "https://bsky.app/intent/compose?text="

    /// The link that posts `text` on `channel`: X's or Bluesky's intent, or `/share?text=` on `mastodonInstance`
    /// (the poster's own instance, which only they know; `nil` gives no link). A webhook has no link.
    public static func url(posting text: String, on channel: Channel, mastodonInstance: MastodonInstance? = nil) -> String? {
        prefix(on: channel, mastodonInstance: mastodonInstance).map { $0 + PercentEncoding.encode(text) }
    }

    /// The link's start on `channel`, up to the encoded text.
    public static func prefix(on channel: Channel, mastodonInstance: MastodonInstance? = nil) -> String? {
        switch channel {
        case .twitter: xPrefix
        case .bluesky: blueskyPrefix
        case .mastodon: mastodonInstance?.sharePrefix
        case .webhook: nil
        }
    }

    /// The text a link made by ``url(posting:on:mastodonInstance:)`` carries, or `nil` if it carries none.
    public static func text(in link: String) -> String? {
        guard let query = link.split(separator: "?", maxSplits: 1).dropFirst().first else { return nil }
        for parameter in query.split(separator: "&") where parameter.hasPrefix("text=") {
            return PercentEncoding.decode(String(parameter.dropFirst("text=".count)))
        }
        return nil
    }
}
