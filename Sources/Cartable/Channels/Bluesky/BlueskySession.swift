/// An authenticated Bluesky session: the tokens and the account's DID.
struct BlueskySession: Sendable, Equatable {
    var accessJwt: Secret
    var refreshJwt: Secret
    var did: String
}
