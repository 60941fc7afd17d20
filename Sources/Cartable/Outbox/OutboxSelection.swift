/// Which rows `retry` and `cancel` act on: every condition given must hold; an empty selection matches nothing.
public struct OutboxSelection: Sendable, Hashable {
    /// Rows of this campaign.
    public var campaignID: String?
    /// Rows to this recipient.
    public var recipientID: String?
    /// Rows on this channel.
    public var channel: String?
    /// Rows with these ids.
    public var ids: [Int64]
    /// Every row (in the states the action takes), when nothing else narrows it.
    public var all: Bool

    /// A selection; give at least one condition or `all`.
    public init(campaignID: String? = nil, recipientID: String? = nil, channel: String? = nil, ids: [Int64] = [], all: Bool = false) {
        self.campaignID = campaignID
        self.recipientID = recipientID
        self.channel = channel
        self.ids = ids
        self.all = all
    }

    /// Whether the selection names nothing (acting on it would be a mistake, not "everything").
    public var isEmpty: Bool { campaignID == nil && recipientID == nil && channel == nil && ids.isEmpty && !all }
}
