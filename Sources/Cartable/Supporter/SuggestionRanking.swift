import Foundation

/// Orders the deputies suggested to a supporter who names none: those who have received the fewest messages of the campaign so far
/// first, so that supporters spread over every target instead of flooding a few.
///
/// - Deputies at their per-recipient cap (``SendingLimits``) are left out: a message to them would only wait.
/// - Deputies this supporter already wrote to are left out: one supporter, one message per deputy.
/// - Deputies the channel cannot reach (no handle) are left out.
/// - Ties are broken by a stable hash of the supporter's id and the deputy's id, so two supporters suggested at the
///   same moment are not both sent to the same deputy, and one supporter sees the same order twice.
public struct SuggestionRanking: Sendable {
    /// The campaign's pace.
    public var limits: SendingLimits
    /// The campaign's channel.
    public var channel: Channel
    /// Who asks.
    public var supporter: SupporterID

    /// A ranking for `supporter` on `channel` under `limits`.
    public init(limits: SendingLimits, channel: Channel, supporter: SupporterID) {
        self.limits = limits
        self.channel = channel
        self.supporter = supporter
    }

    /// One deputy proposed, with their count so far.
    public struct Suggestion: Sendable, Hashable {
        /// The deputy suggested.
        public var recipient: Recipient
        /// Messages of the campaign they have received or have on the way.
        public var messagesSoFar: Int
    }

    /// What the ranking kept and why it left the others out.
    public struct Result: Sendable {
        /// The deputies proposed, best first.
        public var suggestions: [Suggestion]
        /// How many were left out because they are at their cap.
        public var atCap: Int
        /// How many were left out because this supporter already wrote to them.
        public var alreadyWritten: Int
        /// How many were left out because the channel cannot reach them.
        public var unreachable: Int
    }

    /// Ranks `candidates` by their `loads` (a deputy missing from it has received nothing), leaving out those in
    /// `writtenBySupporter` (recipient ids).
    public func rank(_ candidates: [Recipient], loads: [String: RecipientLoad], writtenBySupporter: Set<String>, now: Date) -> Result {
        var result = Result(suggestions: [], atCap: 0, alreadyWritten: 0, unreachable: 0)
        var ranked: [(suggestion: Suggestion, tieBreak: UInt64)] = []
        for recipient in candidates {
            guard recipient.isReachable(on: channel) else { result.unreachable += 1; continue }
            guard !writtenBySupporter.contains(recipient.id) else { result.alreadyWritten += 1; continue }
            let load = loads[recipient.id] ?? .none
            guard load.capFreesAt(limits, now: now) == nil else { result.atCap += 1; continue }
            let tieBreak = VariantRotation.stableHash(supporter.rawValue + "\u{0}" + recipient.id)
            ranked.append((Suggestion(recipient: recipient, messagesSoFar: load.messages), tieBreak))
        }
        ranked.sort { ($0.suggestion.messagesSoFar, $0.tieBreak) < ($1.suggestion.messagesSoFar, $1.tieBreak) }
        result.suggestions = ranked.map(\.suggestion)
        return result
    }
}
