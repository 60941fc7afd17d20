/// What a sending channel is and what it can do: the one place the outbox, the dispatcher, the schedule and the CLI
/// ask about a channel, so that no code compares channel names.
///
/// Every ``MessageSender`` declares its descriptor. The built-in ones are ``dryRun``, ``webhook``, ``mastodon``,
/// ``x`` and ``bluesky`` (see ``BuiltInChannel``); a third-party sender declares its own and is treated exactly
/// like them:
///
/// ```swift
/// extension ChannelDescriptor {
///     static let matrix = ChannelDescriptor(
///         name: "matrix", campaignChannel: nil, repeats: .recognisedByKey, reachesRecipient: true, defaultRateLimit: nil)
/// }
/// ```
public struct ChannelDescriptor: Sendable, Hashable, CustomStringConvertible {
    /// What the platform does when the same message is posted again (a retry after an answer that never came).
    public enum Repeats: Sendable, Hashable {
        /// The platform honours the message's idempotency key: a retry cannot publish twice.
        case recognisedByKey
        /// The platform has no key but refuses the same text again, and the sender reports
        /// ``Delivery/duplicate(message:)``: a retry is recognised after the fact.
        case reportedAsDuplicate
        /// Nothing recognises a repeat: a retry after an ambiguous failure may publish twice.
        case unrecognised
    }

    /// The name the outbox, idempotency keys and people choosing a channel use: `x`, `mastodon`, `dry-run`.
    public let name: String
    /// The campaign channel whose messages this sender posts (its platform: the mention and the length rules are the
    /// platform's); `nil` for a sender that takes any campaign's messages (a webhook, the dry run).
    public let campaignChannel: Channel?
    /// What the platform does with a repeated post.
    public let repeats: Repeats
    /// Whether a message sent here reaches its recipient. A sender that reaches no one (the dry run) is exempt from
    /// per-recipient caps, sending hours and the campaign window, and its messages count for no one.
    public let reachesRecipient: Bool
    /// The posting limit assumed for an account until the platform's headers say otherwise; `nil` for none.
    public let defaultRateLimit: RateLimit?

    /// A channel with its capabilities.
    public init(name: String, campaignChannel: Channel?, repeats: Repeats, reachesRecipient: Bool, defaultRateLimit: RateLimit?) {
        self.name = name
        self.campaignChannel = campaignChannel
        self.repeats = repeats
        self.reachesRecipient = reachesRecipient
        self.defaultRateLimit = defaultRateLimit
    }

    /// Whether messages composed for a campaign on `channel` can go through this sender: a platform's sender takes
    /// only its own platform's campaigns, a sender without a platform takes any.
    public func canSend(messagesFor channel: Channel) -> Bool {
        campaignChannel == nil || campaignChannel == channel
    }

    /// Whether a recipient needs a handle on the campaign's channel to be sent to this way: a platform's sender
    /// mentions them there; a webhook or the dry run delivers to the organiser.
    public var needsHandle: Bool { campaignChannel != nil }

    /// The name, as the outbox writes it.
    public var description: String { name }
}
