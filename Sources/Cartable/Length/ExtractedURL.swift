/// A URL found in a text, as twitter-text extracts it.
public struct ExtractedURL: Sendable, Hashable {
    /// The URL as written in the text.
    public var url: String
    /// Where it is in the text, in UTF-16 code units (twitter-text's indices), end exclusive.
    public var range: Range<Int>

    /// The URL `url` found at `range` (UTF-16 offsets).
    public init(url: String, range: Range<Int>) {
        self.url = url
        self.range = range
    }
}
