/// Someone a campaign writes to: a deputy, with the facts templates and target selectors use.
public struct Recipient: Sendable, Hashable, Codable {
    /// A stable identifier from the source (Datan `PA1567`, NosDéputés slug `jerome-guedj`).
    public var id: String
    /// The name to show and to write in messages, in Unicode NFC: `Jérôme Guedj`.
    public var name: String
    /// Given name, when the source has it.
    public var firstName: String?
    /// Family name, when the source has it.
    public var lastName: String?
    /// X handle without `@`.
    public var twitter: String?
    /// Mastodon account as `user@instance`, without the leading `@`.
    public var mastodon: String?
    /// Bluesky handle (a domain name) without `@`.
    public var bluesky: String?
    /// E-mail address.
    public var email: String?
    /// Parliamentary group code (`SOC`, `UMP`) on the date the list describes.
    public var group: String?
    /// Parliamentary group's full name, when the source has it.
    public var groupName: String?
    /// Unified department code (see ``Department``): `91`, `2A`, `974`, `99`.
    public var department: String?
    /// Department name: `Essonne`.
    public var departmentName: String?
    /// Constituency number within the department.
    public var constituency: Int?

    /// A recipient with an id and a name; every other field is optional.
    public init(
        id: String, name: String, firstName: String? = nil, lastName: String? = nil,
        twitter: String? = nil, mastodon: String? = nil, bluesky: String? = nil, email: String? = nil,
        group: String? = nil, groupName: String? = nil,
        department: String? = nil, departmentName: String? = nil, constituency: Int? = nil
    ) {
        self.id = id
        self.name = name
        self.firstName = firstName
        self.lastName = lastName
        self.twitter = twitter
        self.mastodon = mastodon
        self.bluesky = bluesky
        self.email = email
        self.group = group
        self.groupName = groupName
        self.department = department
        self.departmentName = departmentName
        self.constituency = constituency
    }

    /// The recipient's handle on `channel`, if any (the webhook channel has none).
    public func handle(on channel: Channel) -> String? {
        switch channel {
        case .twitter: twitter
        case .mastodon: mastodon
        case .bluesky: bluesky
        case .webhook: nil
        }
    }

    /// Whether a message on `channel` can reach the recipient.
    public func isReachable(on channel: Channel) -> Bool {
        !channel.needsHandle || handle(on: channel) != nil
    }

    /// The mention to write in a message (`@JeromeGuedj`), if the recipient has a handle on `channel`.
    public func mention(on channel: Channel) -> String? {
        handle(on: channel).map { Handle.mention($0, on: channel) }
    }

    /// The constituency as people write it: `Essonne (91), 6e circonscription`-like data as `91-6`.
    public var constituencyKey: String? {
        guard let department, let constituency else { return nil }
        return "\(department)-\(constituency)"
    }

    /// The value of a field as text, empty when the recipient has none.
    public subscript(field: RecipientField) -> String {
        switch field {
        case .id: id
        case .name: name
        case .firstName: firstName ?? ""
        case .lastName: lastName ?? ""
        case .twitter: twitter ?? ""
        case .mastodon: mastodon ?? ""
        case .bluesky: bluesky ?? ""
        case .email: email ?? ""
        case .group: group ?? ""
        case .groupName: groupName ?? ""
        case .department: department ?? ""
        case .departmentName: departmentName ?? ""
        case .constituency: constituency.map(String.init) ?? ""
        }
    }
}
