/// Counts of what reading a recipient file did.
public struct RecipientListReport: Sendable, Hashable, Codable {
    /// Records (rows or objects) read, header excluded.
    public var recordsRead: Int
    /// Records that did not become recipients (no name, no id, duplicate id, malformed row).
    public var rejectedRecords: Int
    /// Handles repaired (the repaired value was kept).
    public var repairedHandles: Int
    /// Handles refused (the recipient was kept, without that handle).
    public var rejectedHandles: Int
    /// Duplicate ids and shared handles found.
    public var duplicates: Int

    /// A report with these counts (all zero by default).
    public init(recordsRead: Int = 0, rejectedRecords: Int = 0, repairedHandles: Int = 0, rejectedHandles: Int = 0, duplicates: Int = 0) {
        self.recordsRead = recordsRead
        self.rejectedRecords = rejectedRecords
        self.repairedHandles = repairedHandles
        self.rejectedHandles = rejectedHandles
        self.duplicates = duplicates
    }
}
