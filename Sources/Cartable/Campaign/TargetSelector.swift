/// Which recipients of the list a campaign writes to: everyone, or those matching criteria, minus exclusions.
///
/// Criteria of different kinds narrow (groups *and* departments), values of one kind widen (SOC *or* ECOS);
/// explicit `ids` are added to what the criteria select; an exclusion removes anyone it matches in any way.
public struct TargetSelector: Sendable, Hashable {
    /// Whether every recipient of the list is a target before exclusions.
    public var all: Bool
    /// What targets must match when `all` is false.
    public var include: RecipientFilter
    /// What removes a recipient from the targets.
    public var exclude: RecipientFilter
    /// Whether targets without a handle on the campaign's channel are knowingly left out: they are then counted
    /// in the summary instead of being reported as a warning (`skip_unreachable: true` in the campaign file).
    public var skipUnreachable: Bool

    /// A selector of `include` (everyone with `all`) minus `exclude`.
    public init(
        all: Bool, include: RecipientFilter = RecipientFilter(), exclude: RecipientFilter = RecipientFilter(),
        skipUnreachable: Bool = false
    ) {
        self.all = all
        self.include = include
        self.exclude = exclude
        self.skipUnreachable = skipUnreachable
    }

    /// Everyone in the list.
    public static let everyone = TargetSelector(all: true)

    /// The targets among `recipients`, in list order.
    public func select(from recipients: [Recipient]) -> [Recipient] {
        recipients.filter(includes)
    }

    /// Whether `recipient` is a target: selected by `all`, the criteria or the ids, and not excluded.
    public func includes(_ recipient: Recipient) -> Bool {
        var criteria = include
        criteria.ids = []
        let included = all
            || (!criteria.isEmpty && criteria.matchesAll(recipient))
            || include.ids.contains(recipient.id)
        return included && !exclude.matchesAny(recipient)
    }
}
