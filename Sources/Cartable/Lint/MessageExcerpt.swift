/// A composed message as a hint quotes it: whole when short, else its beginning and its length, so that a long
/// template for hundreds of recipients does not print itself hundreds of times.
enum MessageExcerpt {
    /// The most characters a hint quotes.
    static let limit = 120

    /// `text` in quotes if it has at most ``limit`` characters, else its first ``limit`` characters, `…` and how
    /// long the whole is.
    static func quote(_ text: String) -> String {
        guard text.count > limit else { return "\"\(text)\"" }
        return "\"\(text.prefix(limit))…\" (\(text.count) characters)"
    }
}
