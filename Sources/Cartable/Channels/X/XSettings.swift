/// The X account a campaign posts from.
public struct XSettings: Sendable, CustomStringConvertible {
    /// The API base (`CARTABLE_X_API_URL`, default `https://api.x.com`).
    public var api: HTTPEndpoint
    /// The OAuth 1.0a credentials.
    public var credentials: OAuth1Credentials

    /// Settings from their parts.
    public init(api: HTTPEndpoint, credentials: OAuth1Credentials) {
        self.api = api
        self.credentials = credentials
    }

    public var description: String { "x \(api.redactedDescription) (credentials <redacted>)" }
}
