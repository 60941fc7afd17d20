/// The four OAuth 1.0a user-context credentials of an X app and account. All are kept as ``Secret``s.
public struct OAuth1Credentials: Sendable, CustomStringConvertible {
    /// The app's API key (`CARTABLE_X_CONSUMER_KEY`).
    public var consumerKey: Secret
    /// The app's API key secret (`CARTABLE_X_CONSUMER_SECRET`).
    public var consumerSecret: Secret
    /// The account's access token (`CARTABLE_X_ACCESS_TOKEN`).
    public var token: Secret
    /// The account's access token secret (`CARTABLE_X_ACCESS_SECRET`).
    public var tokenSecret: Secret

    /// Credentials from their parts.
    public init(consumerKey: Secret, consumerSecret: Secret, token: Secret, tokenSecret: Secret) {
        self.consumerKey = consumerKey
        self.consumerSecret = consumerSecret
        self.token = token
        self.tokenSecret = tokenSecret
    }

    /// All four, for redaction.
    var all: [Secret] { [consumerKey, consumerSecret, token, tokenSecret] }

    public var description: String { "OAuth 1.0a credentials <redacted>" }
}
