/// Where `cartable write` takes the message: a ready-to-post link (the supporter posts from their own account), or
/// one of the built-in senders through the outbox.
public enum WriteDestination: Sendable, Hashable, CustomStringConvertible {
    /// The platform's post box, filled in: nothing is sent, no credentials are needed.
    case intent
    /// A sender: the message is queued in the outbox and sent at once.
    case sender(BuiltInChannel)

    /// `intent`, or a ``BuiltInChannel`` name (`dry-run`, `webhook`, `mastodon`, `x`, `bluesky`); `nil` otherwise.
    public init?(named name: String) {
        if name.lowercased() == "intent" {
            self = .intent
        } else if let channel = try? BuiltInChannel(named: name) {
            self = .sender(channel)
        } else {
            return nil
        }
    }

    /// Every name `--via` takes.
    public static var names: [String] { ["intent"] + BuiltInChannel.allCases.map(\.rawValue) }

    /// The name as `--via` takes it.
    public var description: String {
        switch self {
        case .intent: "intent"
        case .sender(let channel): channel.rawValue
        }
    }

    /// Whether a message written for a campaign on `channel` can go this way: a platform's sender posts only its
    /// own campaigns' messages (the mention and the length are the platform's), the webhook and the dry run take
    /// any (see ``OutboxEntry/canSend(_:via:)``); a link exists for every platform, not for a webhook campaign.
    public func accepts(_ channel: Channel) -> Bool {
        switch self {
        case .intent: channel != .webhook
        case .sender(let sender): OutboxEntry.canSend(channel, via: sender.rawValue)
        }
    }

    /// Whether the recipient needs a handle on the campaign's channel for the message to go this way: the webhook
    /// and the dry run deliver to the organiser, not to the deputy's account.
    public var needsHandle: Bool {
        switch self {
        case .intent, .sender(.x), .sender(.mastodon), .sender(.bluesky): true
        case .sender(.dryRun), .sender(.webhook): false
        }
    }
}
