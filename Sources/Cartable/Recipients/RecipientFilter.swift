import Foundation

/// Criteria on recipients: groups, departments, constituencies and ids, each a list of accepted values.
///
/// Values are compared the way people write them: group codes ignore case, department codes are unified
/// (`2a` = `2A`, `099` = `99`), constituencies are `DEPARTMENT-NUMBER` (`91-6`, `2A-1`).
public struct RecipientFilter: Sendable, Hashable, Codable {
    /// Group codes, e.g. `SOC`, `UMP`.
    public var groups: [String]
    /// Unified department codes.
    public var departments: [String]
    /// Constituencies as `DEPARTMENT-NUMBER`, unified: `91-6`.
    public var constituencies: [String]
    /// Recipient ids as the list writes them (its first column), compared exactly.
    public var ids: [String]

    /// Creates a filter; department codes and constituencies are unified (invalid ones never match).
    public init(groups: [String] = [], departments: [String] = [], constituencies: [String] = [], ids: [String] = []) {
        self.groups = groups
        self.departments = departments.map { Department.normalizedCode($0) ?? $0 }
        self.constituencies = constituencies.map { Self.normalizedConstituency($0) ?? $0 }
        self.ids = ids
    }

    /// Whether no criterion is given.
    public var isEmpty: Bool { groups.isEmpty && departments.isEmpty && constituencies.isEmpty && ids.isEmpty }

    /// Whether the recipient meets every kind of criterion given: one of the groups *and* one of the departments
    /// *and* one of the constituencies *and* one of the ids (kinds left empty do not constrain).
    public func matchesAll(_ recipient: Recipient) -> Bool {
        (groups.isEmpty || matchesGroup(recipient))
            && (departments.isEmpty || matchesDepartment(recipient))
            && (constituencies.isEmpty || matchesConstituency(recipient))
            && (ids.isEmpty || ids.contains(recipient.id))
    }

    /// Whether the recipient meets any single criterion (used for exclusions).
    public func matchesAny(_ recipient: Recipient) -> Bool {
        matchesGroup(recipient) || matchesDepartment(recipient) || matchesConstituency(recipient) || ids.contains(recipient.id)
    }

    private func matchesGroup(_ recipient: Recipient) -> Bool {
        guard let group = recipient.group?.lowercased() else { return false }
        return groups.contains { $0.lowercased() == group }
    }

    private func matchesDepartment(_ recipient: Recipient) -> Bool {
        guard let department = recipient.department else { return false }
        return departments.contains(department)
    }

    private func matchesConstituency(_ recipient: Recipient) -> Bool {
        guard let key = recipient.constituencyKey else { return false }
        return constituencies.contains(key)
    }

    /// `91-6`, `2a-01`, `099-3` unified to `91-6`, `2A-1`, `99-3`; `nil` when it is not of that form.
    public static func normalizedConstituency(_ raw: String) -> String? {
        let parts = raw.trimmingCharacters(in: .whitespaces).split(separator: "-")
        guard parts.count == 2, let department = Department.normalizedCode(String(parts[0])),
              let number = Int(parts[1]), number > 0 else { return nil }
        return "\(department)-\(number)"
    }
}
