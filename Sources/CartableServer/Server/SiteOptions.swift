import Foundation

/// How the server presents itself: the address people reach it at, and what it trusts of a reverse proxy.
public struct SiteOptions: Sendable {
    /// The page's public address (`https://write.example.org`), when it is behind a proxy; its origin is the one
    /// forms must come from, and `https` makes the cookies `Secure`. `nil`: the request's `Host`, over http.
    public var publicURL: URL?
    /// Whether to take the client's address from the last `X-Forwarded-For` entry (set by the reverse proxy)
    /// rather than the connection's: only behind a proxy that sets it.
    public var trustForwardedFor: Bool
    /// The largest request body accepted, in bytes (a form, a JSON call).
    public var bodyLimit: Int
    /// The organiser's token for the dashboard (`/admin/c/{id}`, from `CARTABLE_ADMIN_TOKEN`); `nil`: the dashboard
    /// is off. Never shown, logged or stored.
    public var adminToken: String?

    /// Options; by default none of a proxy, bodies up to 16 KiB, and no dashboard.
    public init(publicURL: URL? = nil, trustForwardedFor: Bool = false, bodyLimit: Int = 16 * 1024, adminToken: String? = nil) {
        self.publicURL = publicURL
        self.adminToken = adminToken.flatMap { $0.isEmpty ? nil : $0 }
        self.trustForwardedFor = trustForwardedFor
        self.bodyLimit = bodyLimit
    }

    /// `https://write.example.org` (scheme, host and port of ``publicURL``), or `nil`.
    public var publicOrigin: String? {
        guard let publicURL, let scheme = publicURL.scheme?.lowercased(), let host = publicURL.host?.lowercased() else { return nil }
        return "\(scheme)://\(host)" + (publicURL.port.map { ":\($0)" } ?? "")
    }

    /// Whether cookies carry `Secure`: the public address is https.
    public var secureCookies: Bool { publicURL?.scheme?.lowercased() == "https" }
}
