/// Which part of a batch a preview shows. The whole batch is always composed, in list order, so a message looks
/// the same in a subset as in the whole (the variant rotation numbers every target).
public struct PreviewOptions: Sendable, Hashable {
    /// Show only the targets that match every kind of criterion given (groups, departments...); empty shows all.
    public var filter: RecipientFilter
    /// Show only the messages with a problem.
    public var onlyProblems: Bool
    /// Stop after this many messages shown.
    public var limit: Int?
    /// The instance Mastodon intent links open.
    public var mastodonInstance: MastodonInstance?

    /// Creates options; the defaults show everything.
    public init(filter: RecipientFilter = RecipientFilter(), onlyProblems: Bool = false, limit: Int? = nil,
                mastodonInstance: MastodonInstance? = nil) {
        self.filter = filter
        self.onlyProblems = onlyProblems
        self.limit = limit
        self.mastodonInstance = mastodonInstance
    }
}
