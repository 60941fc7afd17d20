/// How a message addresses its recipient on the channel.
public enum Addressing: String, Sendable, Hashable, CaseIterable {
    /// `.@handle` then the text: a public post on X that still notifies the recipient (a post starting with
    /// `@handle` is a reply, hidden from the author's followers' timelines).
    case dotMention = "dot-mention"
    /// `@handle` then the text.
    case mention
    /// The text places the mention itself with `{{handle}}`.
    case inline
    /// No mention (the webhook channel, or an e-mail-like message).
    case none

    /// The default for a channel: `.@handle` on X, `@handle` on Mastodon and Bluesky, nothing on a webhook.
    public static func defaultFor(_ channel: Channel) -> Addressing {
        switch channel {
        case .twitter: .dotMention
        case .mastodon, .bluesky: .mention
        case .webhook: .none
        }
    }

    /// What goes before the rendered template for a recipient whose mention is `mention`.
    public func prefix(mention: String?) -> String {
        guard let mention else { return "" }
        switch self {
        case .dotMention: return "." + mention + " "
        case .mention: return mention + " "
        case .inline, .none: return ""
        }
    }
}
