/// What to tell a supporter whose deputy has no handle on the campaign's channel: where else the deputy can be
/// found, and who nearby the campaign can reach instead.
public struct UnreachableAdvice: Sendable {
    /// The deputy who has no handle on the campaign's channel.
    public var recipient: Recipient
    /// The campaign's channel, on which the deputy has no handle.
    public var channel: Channel
    /// The deputy's mentions on the other platforms, e.g. `(.mastodon, "@jguedj@piaille.fr")`.
    public var elsewhere: [(channel: Channel, mention: String)]
    /// Targets the channel reaches in the deputy's department (then in their group), at most ``maxAlternatives``.
    public var alternatives: [Recipient]

    /// How many other deputies to propose.
    public static let maxAlternatives = 5

    /// Advice for `recipient` on `channel`, proposing reachable deputies among `targets`.
    public init(for recipient: Recipient, on channel: Channel, targets: [Recipient]) {
        self.recipient = recipient
        self.channel = channel
        elsewhere = [Channel.twitter, .mastodon, .bluesky].filter { $0 != channel }.compactMap { other in
            recipient.mention(on: other).map { (other, $0) }
        }
        let reachable = targets.filter { $0.id != recipient.id && $0.isReachable(on: channel) }
        let sameDepartment = reachable.filter { recipient.department != nil && $0.department == recipient.department }
        let sameGroup = reachable.filter { recipient.group != nil && $0.group == recipient.group && $0.department != recipient.department }
        alternatives = Array((sameDepartment + sameGroup).prefix(Self.maxAlternatives))
    }
}
