import Hummingbird

/// The request context of the supporters' site: Hummingbird's core context, and the connection peer's address
/// (for the rate limits; behind a proxy, ``ClientAddress`` may take `X-Forwarded-For` instead).
public struct SiteRequestContext: RequestContext {
    /// Hummingbird's own per-request storage.
    public var coreContext: CoreRequestContextStorage
    /// Reads the connection peer's address.
    private let peer: @Sendable () -> String?

    /// The connection peer's IP address as text (`127.0.0.1`, `::1`), when known. Read when asked (only the rate
    /// limits ask), not for every request.
    public var peerAddress: String? { peer() }

    /// A context for a request arriving on `source`'s channel.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        let channel = source.channel
        peer = { channel.remoteAddress?.ipAddress }
    }
}
