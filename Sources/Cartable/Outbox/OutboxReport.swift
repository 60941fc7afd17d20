import Foundation

/// What `cartable status` shows: where the messages are, who has been reached, how each variant fared, and what
/// went wrong most often.
public struct OutboxReport: Sendable, Hashable, Encodable {
    /// Rows per state (every state listed, zeros included).
    public var states: [OutboxState: Int]
    /// Per recipient: delivered or not yet (the satchel), in recipient-id order.
    public var recipients: [RecipientTally]
    /// Per variant: how many messages of it were queued and sent.
    public var variants: [VariantTally]
    /// The most frequent errors among retrying and dead rows, most frequent first.
    public var errors: [ErrorTally]
    /// The queued or retrying row waiting longest, if any (a paused campaign's included, said so).
    public var oldestWaiting: WaitingMessage?
    /// Rows per channel.
    public var channels: [String: Int] { channelStates.mapValues { $0.values.reduce(0, +) } }
    /// Rows per channel and state (states without rows left out).
    public var channelStates: [String: [OutboxState: Int]]
    /// The day counted: its supporters and its sends per minute.
    public var day: OutboxDay
    /// The paused campaigns (only the one asked for, if any), by id.
    public var paused: [PausedCampaign]

    /// A report from its parts, as an ``Outbox`` implementation counts them.
    public init(
        states: [OutboxState: Int], recipients: [RecipientTally], variants: [VariantTally], errors: [ErrorTally],
        oldestWaiting: WaitingMessage?, channelStates: [String: [OutboxState: Int]], day: OutboxDay, paused: [PausedCampaign] = []
    ) {
        self.paused = paused
        self.states = states
        self.recipients = recipients
        self.variants = variants
        self.errors = errors
        self.oldestWaiting = oldestWaiting
        self.channelStates = channelStates
        self.day = day
    }

    /// The total number of rows.
    public var total: Int { states.values.reduce(0, +) }

    /// How a recipient fares: `delivered` messages are on the platform, `pending` are still to go.
    public struct RecipientTally: Sendable, Hashable, Encodable {
        /// The recipient's id.
        public var recipientID: String
        /// The recipient's name, as queued.
        public var name: String?
        /// Messages on the platform.
        public var delivered: Int
        /// Messages queued, retrying or being sent.
        public var pending: Int
        /// Messages given up on.
        public var dead: Int
        /// Messages cancelled before they went.
        public var cancelled: Int

        /// A recipient's counts.
        public init(recipientID: String, name: String?, delivered: Int, pending: Int, dead: Int, cancelled: Int) {
            self.recipientID = recipientID
            self.name = name
            self.delivered = delivered
            self.pending = pending
            self.dead = dead
            self.cancelled = cancelled
        }

        /// Whether at least one message reached this recipient.
        public var isReached: Bool { delivered > 0 }
    }

    /// A variant's messages: how many in all and how many sent.
    public struct VariantTally: Sendable, Hashable, Encodable {
        /// The variant's id (`-` for messages without one).
        public var variant: String
        /// Its messages, in every state.
        public var total: Int
        /// Of those, the ones sent.
        public var sent: Int

        /// A variant's counts.
        public init(variant: String, total: Int, sent: Int) {
            self.variant = variant
            self.total = total
            self.sent = sent
        }
    }

    /// One error text and how many rows carry it.
    public struct ErrorTally: Sendable, Hashable, Encodable {
        /// The error as recorded.
        public var error: String
        /// How many rows carry it.
        public var count: Int
        /// Whether those rows are dead (final) or retrying.
        public var state: OutboxState

        /// An error's count.
        public init(error: String, count: Int, state: OutboxState) {
            self.error = error
            self.count = count
            self.state = state
        }
    }

    /// The row that has waited longest.
    public struct WaitingMessage: Sendable, Hashable, Encodable {
        /// The row's id.
        public var id: Int64
        /// Its key, as text.
        public var idempotencyKey: String
        /// Queued or retrying.
        public var state: OutboxState
        /// When it was queued.
        public var queuedAt: Date
        /// When it may next be tried.
        public var nextAttemptAt: Date
        /// Whether its campaign is paused: it is then held until the campaign is resumed, whatever ``nextAttemptAt`` says.
        public var campaignPaused: Bool

        /// The waiting row's parts.
        public init(id: Int64, idempotencyKey: String, state: OutboxState, queuedAt: Date, nextAttemptAt: Date, campaignPaused: Bool = false) {
            self.campaignPaused = campaignPaused
            self.id = id
            self.idempotencyKey = idempotencyKey
            self.state = state
            self.queuedAt = queuedAt
            self.nextAttemptAt = nextAttemptAt
        }
    }

    enum CodingKeys: String, CodingKey {
        case states, total, recipients, variants, errors, oldestWaiting, channels, channelStates, day, reached, paused
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        var stateCounts: [String: Int] = [:]
        for state in OutboxState.allCases { stateCounts[state.rawValue] = states[state, default: 0] }
        try container.encode(stateCounts, forKey: .states)
        try container.encode(total, forKey: .total)
        try container.encode(recipients.filter(\.isReached).count, forKey: .reached)
        try container.encode(recipients, forKey: .recipients)
        try container.encode(variants, forKey: .variants)
        try container.encode(errors, forKey: .errors)
        try container.encodeIfPresent(oldestWaiting, forKey: .oldestWaiting)
        try container.encode(channels, forKey: .channels)
        try container.encode(channelStates.mapValues { counts in
            Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, $0.value) })
        }, forKey: .channelStates)
        try container.encode(day, forKey: .day)
        try container.encode(paused, forKey: .paused)
    }
}
