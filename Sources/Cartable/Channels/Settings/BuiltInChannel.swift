/// The channels Cartable ships, by the name used in campaigns, the outbox and `--via`.
public enum BuiltInChannel: String, Sendable, CaseIterable {
    case dryRun = "dry-run"
    case webhook
    case mastodon
    case x
    case bluesky

    /// The channel with this name, or an error listing the valid names.
    public init(named name: String) throws(ChannelConfigurationError) {
        guard let channel = BuiltInChannel(rawValue: name.lowercased()) else { throw .unknownChannel(name) }
        self = channel
    }

    /// A sender for this channel from the settings; the error names any missing variable.
    /// - Parameter dryRunOutput: where the dry-run channel writes its JSON lines.
    public func makeSender(
        settings: ChannelSettings, transport: any HTTPTransport, dryRunOutput: DryRunSender.Output = .standardOutput
    ) throws(ChannelConfigurationError) -> any MessageSender {
        switch self {
        case .dryRun: DryRunSender(output: dryRunOutput)
        case .webhook: WebhookSender(settings: try settings.webhook(), transport: transport)
        case .mastodon: MastodonSender(settings: try settings.mastodon(), transport: transport)
        case .x: XSender(settings: try settings.x(), transport: transport)
        case .bluesky: BlueskySender(settings: try settings.bluesky(), transport: transport)
        }
    }
}
