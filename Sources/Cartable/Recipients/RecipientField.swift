/// The facts a recipient list can hold, named as in Cartable's own CSV header and in column mappings.
public enum RecipientField: String, Sendable, Hashable, Codable, CaseIterable {
    case id
    case name
    case firstName = "first_name"
    case lastName = "last_name"
    case group
    case groupName = "group_name"
    case department
    case departmentName = "department_name"
    case constituency
    case twitter
    case mastodon
    case bluesky
    case email

    /// The field's place in ``allCases``, for tables indexed by field (a switch: `allCases` makes an array).
    var index: Int {
        switch self {
        case .id: 0
        case .name: 1
        case .firstName: 2
        case .lastName: 3
        case .group: 4
        case .groupName: 5
        case .department: 6
        case .departmentName: 7
        case .constituency: 8
        case .twitter: 9
        case .mastodon: 10
        case .bluesky: 11
        case .email: 12
        }
    }

    /// The channel whose handle the field holds, for `twitter`, `mastodon` and `bluesky`.
    public var channel: Channel? {
        switch self {
        case .twitter: .twitter
        case .mastodon: .mastodon
        case .bluesky: .bluesky
        default: nil
        }
    }
}
