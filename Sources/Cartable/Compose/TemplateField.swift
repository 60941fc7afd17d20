/// A placeholder whose value depends on the recipient: what a compiled template looks up for each message.
enum TemplateField: Sendable, Hashable {
    case name, firstName, lastName, handle, group, groupName, department, departmentName, constituency

    /// The field a placeholder name stands for, if it is a recipient's.
    init?(placeholder: String) {
        switch placeholder {
        case "name": self = .name
        case "first_name": self = .firstName
        case "last_name": self = .lastName
        case "handle": self = .handle
        case "group": self = .group
        case "group_name": self = .groupName
        case "department": self = .department
        case "department_name": self = .departmentName
        case "constituency": self = .constituency
        default: return nil
        }
    }

    /// The value for `recipient`, whose mention on the campaign's channel is `mention`; `nil` or empty when it has none.
    func value(for recipient: Recipient, mention: String?) -> String? {
        switch self {
        case .name: recipient.name
        case .firstName: recipient.firstName
        case .lastName: recipient.lastName
        case .handle: mention
        case .group: recipient.group
        case .groupName: recipient.groupName
        case .department: recipient.department
        case .departmentName: recipient.departmentName
        case .constituency: recipient.constituency.map(String.init)
        }
    }

    /// Whether the field has a value, as a section sees it: present and not empty.
    func isPresent(for recipient: Recipient, mention: String?) -> Bool {
        switch self {
        case .constituency: recipient.constituency != nil
        default: !(value(for: recipient, mention: mention)?.isEmpty ?? true)
        }
    }
}
