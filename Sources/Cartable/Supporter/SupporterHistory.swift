import Foundation

/// What the outbox knows of a supporter in a campaign when they come to write: each deputy's load, and whom this
/// supporter already wrote to. Empty when there is no outbox yet (a first link).
public struct SupporterHistory: Sendable {
    /// Per deputy: the messages they have received or have on the way (see ``RecipientLoad``).
    public var loads: [String: RecipientLoad] = [:]
    /// The deputies this supporter has written to (messages that reach them, not dead or cancelled).
    public var written: Set<String> = []
    /// When it was read.
    public var now: Date

    /// An empty history, as of `now`.
    public init(now: Date) {
        self.now = now
    }

    /// Reads the history of `supporterID` in `campaignID` from `outbox` (empty without one).
    public static func read(_ outbox: (any Outbox)?, campaignID: String, supporterID: SupporterID, now: Date = Date()) async throws -> SupporterHistory {
        var history = SupporterHistory(now: now)
        guard let outbox else { return history }
        history.loads = try await outbox.recipientLoads(campaignID: campaignID, now: now)
        history.written = try await outbox.recipientsWritten(campaignID: campaignID, supporterID: supporterID.rawValue)
        return history
    }

    /// The message the supporter already wrote to `message`'s recipient in its campaign, if any, which keeps one
    /// supporter to one message per deputy: on the channels that reach the deputy, a sent one first (else the
    /// latest); for a destination that reaches no one (the dry run), its own earlier message on that channel.
    public static func earlierMessage(_ message: Message, via destination: WriteDestination, in outbox: any Outbox) async throws -> OutboxMessage? {
        let key = message.idempotencyKey
        if case .sender(let channel) = destination, !channel.reachesRecipient {
            return try await outbox.message(key.via(channel))
        }
        let earlier = try await outbox.messages(campaignID: key.campaign, supporterID: key.supporter, recipientID: key.recipient)
        return earlier.last { $0.state == .sent } ?? earlier.last
    }
}
