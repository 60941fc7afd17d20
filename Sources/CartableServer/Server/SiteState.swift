import Cartable
import Foundation
import HTTPTypes
import Hummingbird

/// What every route shares: the campaigns, the outbox, the options, the rate limiter and the static assets.
struct SiteState: Sendable {
    let campaigns: [ServedCampaign]
    let byID: [String: ServedCampaign]
    let outbox: any Outbox
    /// Where sends through the campaigns are queued: many requests share one transaction.
    let queue: OutboxGroupCommit
    let options: SiteOptions
    let limiter = RequestLimiter()
    let owner = LeaseOwner.current()
    let assets: Assets
    /// Requests, supporters' sends and deliveries, counted.
    let metrics: CartableMetrics
    /// The campaigns' satchel lines, kept in memory for the campaign pages.
    let satchels: SatchelCache

    init(campaigns: [ServedCampaign], outbox: any Outbox, options: SiteOptions, assets: Assets, metrics: CartableMetrics = CartableMetrics()) {
        self.metrics = metrics
        self.campaigns = campaigns
        byID = Dictionary(campaigns.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.outbox = outbox
        queue = OutboxGroupCommit(outbox: outbox)
        satchels = SatchelCache(outbox: outbox)
        self.options = options
        self.assets = assets
    }

    /// The campaign `id`, or ``SiteError/unknownCampaign(_:)``.
    func campaign(_ id: String?) throws -> ServedCampaign {
        guard let id, let served = byID[id] else { throw SiteError.unknownCampaign(id ?? "") }
        return served
    }

    /// The campaign a path belongs to (`/c/{id}/…`, `/api/c/{id}/…`), if any.
    func campaign(of request: Request) -> ServedCampaign? {
        // Every request asks (the safety headers): the path's first segments read in place, byte by byte, as
        // `split(separator: "/")` would cut them (empty segments skipped), without an array of them.
        let path = request.uri.path
        var rest = path.utf8[...]
        func nextSegment() -> Substring.UTF8View? {
            rest = rest.drop { $0 == UInt8(ascii: "/") }
            guard !rest.isEmpty else { return nil }
            let segment = rest.prefix { $0 != UInt8(ascii: "/") }
            rest = rest[segment.endIndex...]
            return segment
        }
        var first = nextSegment()
        if let api = first, api.elementsEqual("api".utf8) { first = nextSegment() }
        guard let c = first, c.elementsEqual("c".utf8), let bytes = nextSegment() else { return nil }
        let segment = Substring(bytes)
        // Every request asks (the safety headers): Foundation's decoding only for an id written with `%`.
        guard let id = segment.utf8.contains(UInt8(ascii: "%")) ? String(segment).removingPercentEncoding : String(segment) else { return nil }
        return byID[id]
    }

    /// The server's own origin: the public URL's, else `http://` and the request's `Host`.
    func ownOrigin(of request: Request) -> String? {
        if let origin = options.publicOrigin { return origin }
        guard let host = request.head.authority else { return nil }
        return "http://\(host.lowercased())"
    }

    /// Whether a POST to `request` may come from `origin` (lower-cased): this server's own origin, or one of the
    /// campaign's `embed_origins`.
    func allows(origin: String, for request: Request) -> Bool {
        origin == ownOrigin(of: request) || campaign(of: request)?.campaign.web.embedOrigins.contains(origin) == true
    }

    /// The origins that may frame the page: the campaign's `embed_origins`.
    func frameAncestors(for request: Request) -> [String] {
        campaign(of: request)?.campaign.web.embedOrigins ?? []
    }

    /// Counts a send or a measure from the request's client against the campaign's limits; throws
    /// ``SiteError/tooMany(retryAfter:)`` over them.
    func admit(_ action: RequestLimiter.Action, _ served: ServedCampaign, request: Request, context: SiteRequestContext) throws {
        guard let client = ClientAddress.of(peer: context.peerAddress, forwardedFor: request.headers[.xForwardedFor],
                                            trustForwardedFor: options.trustForwardedFor) else { return }
        let limits = served.campaign.web.limits
        let (host, network): (RequestLimiter.Limit, RequestLimiter.Limit) = switch action {
        case .send: (.init(count: limits.sendsPerHour, period: 3600), .init(count: limits.sendsPerHourPerNetwork, period: 3600))
        case .measure: (.init(count: limits.measuresPerMinute, period: 60), .init(count: limits.measuresPerMinutePerNetwork, period: 60))
        case .login: (AdminAccess.loginLimit, AdminAccess.loginLimitPerNetwork)
        }
        if let wait = limiter.admit(action, scope: served.id, client: client, perHost: host, perNetwork: network) {
            throw SiteError.tooMany(retryAfter: wait)
        }
    }

    /// The address of the campaign's page for sharing: under the public URL when there is one.
    func shareURL(_ served: ServedCampaign, request: Request) -> String {
        let path = "/c/\(Paths.escape(served.id))/"
        if let publicURL = options.publicURL {
            return publicURL.absoluteString.trimmingSuffix("/") + path
        }
        return (ownOrigin(of: request) ?? "") + path
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
}

extension HTTPField.Name {
    static let xForwardedFor = HTTPField.Name("X-Forwarded-For")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
}
