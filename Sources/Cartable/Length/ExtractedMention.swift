/// A mention (`@name`) or list (`@name/slug`) found in a text.
public struct ExtractedMention: Sendable, Hashable {
    /// The screen name, without the `@`.
    public var screenName: String
    /// `""` for a mention, or the list part with its slash (`"/slug"`).
    public var listSlug: String
    /// Where the mention is, in UTF-16 code units of the text (end exclusive); starts at the `@`.
    public var range: Range<Int>

    /// The mention of `screenName` (a list when `listSlug` is not empty) found at `range` (UTF-16 offsets).
    public init(screenName: String, listSlug: String = "", range: Range<Int>) {
        self.screenName = screenName
        self.listSlug = listSlug
        self.range = range
    }
}
