/// Where the webhook channel posts, and the key it signs with.
public struct WebhookSettings: Sendable, CustomStringConvertible {
    /// The receiver's URL (`CARTABLE_WEBHOOK_URL`).
    public var endpoint: HTTPEndpoint
    /// The HMAC-SHA256 key (`CARTABLE_WEBHOOK_SECRET`); without it requests are not signed.
    public var secret: Secret?

    /// Settings from their parts.
    public init(endpoint: HTTPEndpoint, secret: Secret?) {
        self.endpoint = endpoint
        self.secret = secret
    }

    public var description: String {
        "webhook \(endpoint.redactedDescription)/… (\(secret == nil ? "unsigned" : "signed, secret <redacted>"))"
    }
}
