/// How many recipients a channel reaches.
public struct Reach: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The channel the recipients were counted for.
    public var channel: Channel
    /// Recipients in the list (or the target set).
    public var recipients: Int
    /// Recipients with a handle on the channel (all of them for the webhook).
    public var reachable: Int
    /// Recipients without a handle on the channel.
    public var withoutHandle: Int { recipients - reachable }

    /// `reachable` of `recipients` have a handle on `channel`.
    public init(channel: Channel, recipients: Int, reachable: Int) {
        self.channel = channel
        self.recipients = recipients
        self.reachable = reachable
    }

    /// `577 recipients: 374 reachable on twitter, 203 without a twitter handle`.
    public var description: String {
        guard channel.needsHandle else { return "\(recipients) recipients, all reachable on \(channel.rawValue)" }
        return "\(recipients) recipients: \(reachable) reachable on \(channel.rawValue), \(withoutHandle) without a \(channel.rawValue) handle"
    }
}
