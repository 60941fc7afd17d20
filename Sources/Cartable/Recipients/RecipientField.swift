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
