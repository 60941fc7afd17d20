/// The senders a run posts with, set up one way for `send`, `write` and the web server: one sender per channel asked,
/// from the channels' settings, over one transport that reads every answer's rate-limit headers into the accounts'
/// token buckets (``AccountLimiter``).
///
/// It makes the built-in senders. A third-party sender is set up the same way by its owner: an
/// ``AccountLimiter/init(channels:rate:now:)`` over its descriptor (which starts its account from the descriptor's
/// default limit) and a ``RateLimitObserver`` around its transport; the dispatcher and ``SendNow`` then treat it like
/// any built-in one.
public struct SenderSet: Sendable {
    /// A channel that could not be set up, and why (a missing variable, an unusable URL).
    public struct Unavailable: Sendable {
        /// The channel asked for.
        public var channel: ChannelDescriptor
        /// Why; names variables, never their values.
        public var problem: ChannelConfigurationError
    }

    /// The senders, one per channel that could be set up, in the order asked.
    public let senders: [any MessageSender]
    /// The channels asked for that could not be set up.
    public let unavailable: [Unavailable]
    /// The accounts' token buckets, one per channel, started from `rate` (which the platform's headers may lower but
    /// not raise) or the channel's default limit (which they raise or lower).
    public let limiter: AccountLimiter

    /// Sets up the built-in senders of `channels`.
    /// - Parameters:
    ///   - rate: each account's posting limit instead of its channel's ``ChannelDescriptor/defaultRateLimit``.
    ///   - dryRunOutput: where the dry-run channel writes its JSON lines.
    public init(
        channels: [ChannelDescriptor], settings: ChannelSettings, transport: any HTTPTransport, rate: RateLimit? = nil,
        dryRunOutput: DryRunSender.Output = .standardOutput
    ) {
        limiter = AccountLimiter(channels: channels, rate: rate)
        var senders: [any MessageSender] = []
        var unavailable: [Unavailable] = []
        for channel in channels {
            let observed = RateLimitObserver(wrapping: transport, account: channel.name, limiter: limiter)
            do {
                senders.append(try BuiltInChannel.makeSender(for: channel, settings: settings, transport: observed, dryRunOutput: dryRunOutput))
            } catch {
                unavailable.append(Unavailable(channel: channel, problem: error))
            }
        }
        self.senders = senders
        self.unavailable = unavailable
    }
}
