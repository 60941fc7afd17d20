import Cartable
import Foundation

/// Everything the organiser's dashboard shows for one campaign: the outbox's report, exactly as
/// `cartable status --format json --campaign ID` gives it (one library query, ``Outbox/report(campaignID:errorLimit:day:)``),
/// the satchel over the campaign's targets by group and by department, and the sending accounts this server's
/// sender holds back after a platform's rate limit.
struct DashboardFigures: Sendable, Encodable {
    /// The outbox's report for the campaign.
    var report: OutboxReport
    /// The campaign's targets, reached or not yet, in all and by group and department.
    var satchel: TargetSatchel
    /// This server's sending accounts paused by a platform's rate limit, with when they go again.
    var accounts: [AccountPause]
    /// When the figures were read.
    var readAt: Date

    /// How many errors the report lists (as `cartable status`).
    static let errorLimit = 10

    /// Reads the figures of `served` from `outbox`, counting `day` (the current UTC day by default).
    static func read(_ served: ServedCampaign, outbox: any Outbox, accounts: AccountLimiter, now: Date = Date()) async throws -> DashboardFigures {
        let report = try await outbox.report(campaignID: served.id, errorLimit: errorLimit, day: OutboxDay.utcDay(containing: now))
        let pauses: [AccountPause] = served.sender.map { sender in
            let account = sender.channel.name
            return accounts.pausedUntil(account, now: now).map { [AccountPause(account: account, until: $0)] } ?? []
        } ?? []
        return DashboardFigures(report: report, satchel: TargetSatchel(served.audience.targets, report: report), accounts: pauses, readAt: now)
    }

    /// The figures as JSON, encoded as `cartable status --format json` encodes its report (sorted keys, ISO 8601 times).
    func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// The figures that change what the page shows (all but the time they were read), to tell when to push.
    func fingerprint() -> String {
        var copy = self
        copy.readAt = Date(timeIntervalSince1970: 0)
        return copy.json()
    }

    /// A sending account held back until `until`.
    struct AccountPause: Sendable, Encodable, Hashable {
        /// The account (its channel's name: `x`, `mastodon`).
        var account: String
        /// When it may post again.
        var until: Date
    }
}

/// The campaign's targets, reached (a message of the campaign sent to them) or not yet: in all, by parliamentary
/// group and by department.
struct TargetSatchel: Sendable, Encodable, Hashable {
    /// The targets in all.
    var targets: Int
    /// Those reached.
    var reached: Int
    /// Per group (code), in code order.
    var groups: [Share]
    /// Per department (code), in code order.
    var departments: [Share]

    /// A group's or department's targets and how many are reached.
    struct Share: Sendable, Encodable, Hashable {
        /// The group's or department's code (`-` for targets without one).
        var name: String
        /// Its targets.
        var targets: Int
        /// Of those, reached.
        var reached: Int
    }

    /// The satchel of `targets` from the report's recipients.
    init(_ targets: [Recipient], report: OutboxReport) {
        let reachedIDs = Set(report.recipients.filter(\.isReached).map(\.recipientID))
        func shares(_ key: (Recipient) -> String?) -> [Share] {
            var counts: [String: (targets: Int, reached: Int)] = [:]
            for target in targets {
                let name = key(target) ?? "-"
                counts[name, default: (0, 0)].targets += 1
                if reachedIDs.contains(target.id) { counts[name, default: (0, 0)].reached += 1 }
            }
            return counts.sorted { $0.key < $1.key }.map { Share(name: $0.key, targets: $0.value.targets, reached: $0.value.reached) }
        }
        self.targets = targets.count
        reached = targets.filter { reachedIDs.contains($0.id) }.count
        groups = shares(\.group)
        departments = shares(\.department)
    }
}
