/// A recipient named in a report (a lint, a preview's summary): enough to find them in the list again.
public struct RecipientReference: Sendable, Hashable, Encodable {
    /// The recipient's id in the list.
    public var id: String
    /// The recipient's name, for people.
    public var name: String

    /// The reference to `recipient`.
    public init(_ recipient: Recipient) {
        id = recipient.id
        name = recipient.name
    }
}
