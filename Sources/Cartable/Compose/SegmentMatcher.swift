/// A template's `when` compiled for matching a million recipients: the same rule as
/// ``RecipientFilter/matchesAll(_:)`` (kinds narrow, values widen, group codes ignore case), with the accepted
/// values in sets and the group codes lower-cased once.
struct SegmentMatcher: Sendable {
    private let groups: Set<String>
    private let departments: Set<String>
    private let constituencies: Set<String>
    private let ids: Set<String>

    init(_ filter: RecipientFilter) {
        groups = Set(filter.groups.map { $0.lowercased() })
        departments = Set(filter.departments)
        constituencies = Set(filter.constituencies)
        ids = Set(filter.ids)
    }

    /// Whether `recipient` (whose group, lower-cased, is `group`) meets every kind of criterion given.
    func matches(_ recipient: Recipient, lowercasedGroup group: String?) -> Bool {
        if !groups.isEmpty { guard let group, groups.contains(group) else { return false } }
        if !departments.isEmpty { guard let department = recipient.department, departments.contains(department) else { return false } }
        if !constituencies.isEmpty { guard let key = recipient.constituencyKey, constituencies.contains(key) else { return false } }
        if !ids.isEmpty { guard ids.contains(recipient.id) else { return false } }
        return true
    }
}
