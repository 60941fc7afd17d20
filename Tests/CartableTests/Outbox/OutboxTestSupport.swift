import Foundation
@testable import Cartable

/// A fresh outbox in its own temporary folder, removed by `cleanUp()`.
struct TemporaryOutbox {
    let folder: URL
    let outbox: SQLiteOutbox

    init(durability: OutboxDurability = .normal) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("cartable-outbox-\(UUID().uuidString)")
        outbox = try SQLiteOutbox(path: folder.appendingPathComponent("nested/outbox.sqlite").path, durability: durability)
    }

    func reopen() throws -> SQLiteOutbox {
        try SQLiteOutbox(path: outbox.path, access: .readWrite)
    }

    func cleanUp() {
        try? FileManager.default.removeItem(at: folder)
    }
}

/// Entries for tests: `count` recipients `r0`, `r1`, … of campaign `campaign` on `channel`.
func entries(_ count: Int, campaign: String = "c", channel: ChannelDescriptor = .webhook, supporter: String = "organiser", from first: Int = 0) -> [OutboxEntry] {
    (first..<(first + count)).map { index in
        OutboxEntry(
            campaignID: campaign, supporterID: supporter, recipientID: "r\(index)", channel: channel,
            text: "Bonjour r\(index) — « cartable » ✨", recipientName: "Recipient \(index)", recipientHandle: "h\(index)",
            variant: index.isMultiple(of: 2) ? "a" : "b", language: "fr")
    }
}

/// Limits without caps or hours worth mentioning: always open, generous caps.
let openLimits = SendingLimits(perRecipientPerHour: 1000, perRecipientPerDay: 10_000, from: "00:00", to: "24:00", timeZone: "UTC", windowStart: nil, windowEnd: nil)

extension LeaseOwner {
    static func test(_ name: String) -> LeaseOwner { LeaseOwner(host: "test-host", processID: 0, token: name) }
}
