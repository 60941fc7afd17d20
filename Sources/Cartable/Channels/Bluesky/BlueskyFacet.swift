/// A rich-text facet of a Bluesky post: a UTF-8 byte range of the text and what it links to.
public struct BlueskyFacet: Sendable, Hashable {
    /// What the range points at.
    public enum Feature: Sendable, Hashable {
        /// `app.bsky.richtext.facet#link`: a full URL.
        case link(uri: String)
        /// `app.bsky.richtext.facet#mention`: an account, by DID.
        case mention(did: String)
    }

    /// UTF-8 byte offsets into the post text, start inclusive, end exclusive.
    public var byteRange: Range<Int>
    /// The link or mention.
    public var feature: Feature

    /// A facet from its parts.
    public init(byteRange: Range<Int>, feature: Feature) {
        self.byteRange = byteRange
        self.feature = feature
    }

    /// `{"index":{"byteStart":…,"byteEnd":…},"features":[{"$type":…,…}]}`.
    var json: JSONValue {
        let featureJSON: JSONValue
        switch feature {
        case .link(let uri):
            featureJSON = .object([("$type", .string("app.bsky.richtext.facet#link")), ("uri", .string(uri))])
        case .mention(let did):
            featureJSON = .object([("$type", .string("app.bsky.richtext.facet#mention")), ("did", .string(did))])
        }
        return .object([
            ("index", .object([("byteStart", .integer(byteRange.lowerBound)), ("byteEnd", .integer(byteRange.upperBound))])),
            ("features", .array([featureJSON])),
        ])
    }
}
