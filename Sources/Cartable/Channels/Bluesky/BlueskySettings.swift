/// The Bluesky account a campaign posts from.
public struct BlueskySettings: Sendable, CustomStringConvertible {
    /// The PDS (`CARTABLE_BLUESKY_URL`, default `https://bsky.social`); handles are resolved there too.
    public var service: HTTPEndpoint
    /// The account's handle (`CARTABLE_BLUESKY_HANDLE`), without `@`.
    public var handle: String
    /// An app password (`CARTABLE_BLUESKY_APP_PASSWORD`), not the account password.
    public var appPassword: Secret

    /// Settings from their parts.
    public init(service: HTTPEndpoint, handle: String, appPassword: Secret) {
        self.service = service
        self.handle = handle
        self.appPassword = appPassword
    }

    public var description: String { "bluesky \(service.redactedDescription) as @\(handle) (app password <redacted>)" }
}
