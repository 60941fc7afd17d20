/// The channels Cartable ships: their descriptors and how to make their senders from the settings.
public enum BuiltInChannel: Sendable, CaseIterable {
    case dryRun
    case webhook
    case mastodon
    case x
    case bluesky

    /// What the channel is and can do.
    public var descriptor: ChannelDescriptor {
        switch self {
        case .dryRun: .dryRun
        case .webhook: .webhook
        case .mastodon: .mastodon
        case .x: .x
        case .bluesky: .bluesky
        }
    }

    /// Every built-in channel's descriptor, in the order help texts list them.
    public static var descriptors: [ChannelDescriptor] { allCases.map(\.descriptor) }

    /// The built-in channel named `name` (case-insensitive), or an error listing the valid names.
    public static func descriptor(named name: String) throws(ChannelConfigurationError) -> ChannelDescriptor {
        guard let channel = allCases.first(where: { $0.descriptor.name == name.lowercased() }) else { throw .unknownChannel(name) }
        return channel.descriptor
    }

    /// The built-in sender that posts a campaign channel's messages on its own platform (`x` for `twitter`), or the
    /// webhook for a webhook campaign.
    public static func platformSender(for channel: Channel) -> ChannelDescriptor {
        descriptors.first { $0.campaignChannel == channel } ?? .webhook
    }

    /// A sender for the built-in channel `descriptor` describes, from the settings; the error names any missing
    /// variable, or says the channel is not built in.
    /// - Parameter dryRunOutput: where the dry-run channel writes its JSON lines.
    public static func makeSender(
        for descriptor: ChannelDescriptor, settings: ChannelSettings, transport: any HTTPTransport,
        dryRunOutput: DryRunSender.Output = .standardOutput
    ) throws(ChannelConfigurationError) -> any MessageSender {
        guard let channel = allCases.first(where: { $0.descriptor == descriptor }) else { throw .unknownChannel(descriptor.name) }
        return switch channel {
        case .dryRun: DryRunSender(output: dryRunOutput)
        case .webhook: WebhookSender(settings: try settings.webhook(), transport: transport)
        case .mastodon: MastodonSender(settings: try settings.mastodon(), transport: transport)
        case .x: XSender(settings: try settings.x(), transport: transport)
        case .bluesky: BlueskySender(settings: try settings.bluesky(), transport: transport)
        }
    }
}
