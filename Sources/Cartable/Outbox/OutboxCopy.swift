import Foundation

/// `cartable outbox copy`: moves every row of one outbox into another (SQLite to PostgreSQL or back), keeping states,
/// attempts, keys, leases, timestamps and attempt logs. Rows are merged by idempotency key: a key already in the
/// destination is left as it is there, so copying twice changes nothing, and copying into an outbox that holds other
/// rows adds only the new keys. Campaigns' pacing and pauses are copied the same way, before the rows: a sender on the
/// destination never sees a paused campaign's rows unpaused.
///
/// Each batch is one transaction in the destination; an interrupted copy is resumed by running it again. Copy while
/// no sender runs on the source: a row a sender changes during the copy is copied as it was when read.
public enum OutboxCopy {
    /// What a copy did.
    public struct Result: Sendable, Hashable {
        /// Rows read from the source.
        public var read = 0
        /// Rows added to the destination.
        public var added = 0
        /// Rows whose key the destination already had (left as they were there).
        public var alreadyThere: Int { read - added }
        /// Campaigns whose pacing was added.
        public var campaignsAdded = 0
        /// Campaigns paused in the source and now in the destination too.
        public var pausesAdded = 0
    }

    /// Copies `source` into `destination`, `batchSize` rows per transaction.
    public static func run(
        from source: any TransferableOutbox, to destination: any TransferableOutbox, batchSize: Int = 2_000, now: Date = Date()
    ) async throws -> Result {
        var result = Result()
        result.campaignsAdded = try await destination.insertMissing(try await source.pacing(), now: now)
        result.pausesAdded = try await destination.insertMissing(try await source.pausedCampaigns())
        var last: Int64 = 0
        while true {
            let records = try await source.records(after: last, limit: batchSize)
            guard let lastRecord = records.last else { break }
            result.read += records.count
            result.added += try await destination.insert(records)
            last = lastRecord.message.id
        }
        return result
    }
}
