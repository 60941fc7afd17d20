/// A composed message as a hint quotes it: whole when it has the length of a post, else its beginning and its length,
/// so that a long template for hundreds of recipients does not print itself hundreds of times.
enum MessageExcerpt {
    /// The most characters a hint quotes: a whole X or Bluesky post, and a little over.
    static let limit = 320

    /// `text` if it has at most ``limit`` characters, else its first ``limit`` characters, `…` and how long the whole
    /// is.
    static func quote(_ text: String) -> String {
        guard text.count > limit else { return text }
        return "\(text.prefix(limit))… (\(text.count) characters)"
    }
}
