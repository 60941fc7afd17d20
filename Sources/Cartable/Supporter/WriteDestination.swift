/// Where a supporter's message goes: a ready-to-post link (the supporter posts from their own account), or a
/// sender through the outbox.
public enum WriteDestination: Sendable, Hashable, CustomStringConvertible {
    /// The platform's post box, filled in: nothing is sent, no credentials are needed.
    case intent
    /// A sender: the message is queued in the outbox and sent at once.
    case sender(ChannelDescriptor)

    /// `intent`, or a built-in channel's name (`dry-run`, `webhook`, `mastodon`, `x`, `bluesky`); `nil` otherwise.
    public init?(named name: String) {
        if name.lowercased() == "intent" {
            self = .intent
        } else if let channel = try? BuiltInChannel.descriptor(named: name) {
            self = .sender(channel)
        } else {
            return nil
        }
    }

    /// Every destination's name: `intent`, then the built-in channels'.
    public static var names: [String] { ["intent"] + BuiltInChannel.descriptors.map(\.name) }

    /// `intent`, or the channel's name.
    public var description: String {
        switch self {
        case .intent: "intent"
        case .sender(let channel): channel.name
        }
    }

    /// Whether a message written for a campaign on `channel` can go this way: a platform's sender posts only its
    /// own campaigns' messages (the mention and the length are the platform's), the webhook and the dry run take
    /// any (see ``ChannelDescriptor/canSend(messagesFor:)``); a link exists for every platform, not for a webhook
    /// campaign.
    public func accepts(_ channel: Channel) -> Bool {
        switch self {
        case .intent: channel != .webhook
        case .sender(let sender): sender.canSend(messagesFor: channel)
        }
    }

    /// Whether the recipient needs a handle on the campaign's channel for the message to go this way: a link and a
    /// platform's sender mention them; the webhook and the dry run deliver to the organiser.
    public var needsHandle: Bool {
        switch self {
        case .intent: true
        case .sender(let channel): channel.needsHandle
        }
    }
}
