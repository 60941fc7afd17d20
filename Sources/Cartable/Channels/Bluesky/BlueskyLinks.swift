/// The links of a post text as Bluesky link facets want them: a full URI and a UTF-8 byte range.
///
/// URLs are found by the length engine's ``URLExtractor`` (twitter-text rules, so Bluesky links exactly what the
/// counter treated as URLs, including `exemple.fr` without a scheme, which gets `https://` as Bluesky's own client
/// does), and their UTF-16 ranges converted with ``UTF8Offsets``.
enum BlueskyLinks {
    /// Each link's URI (with a scheme) and its UTF-8 byte range.
    static func find(in text: String) -> [(uri: String, byteRange: Range<Int>)] {
        URLExtractor.extractURLs(from: text).compactMap { extracted in
            guard let byteRange = UTF8Offsets.byteRange(of: extracted.range, in: text) else { return nil }
            let lowercased = extracted.url.lowercased()
            let hasScheme = lowercased.hasPrefix("http://") || lowercased.hasPrefix("https://")
            return (hasScheme ? extracted.url : "https://" + extracted.url, byteRange)
        }
    }
}
