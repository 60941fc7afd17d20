import Foundation

/// The message a supporter is about to send, while they look at it: composed as the campaign says, then another
/// variant on request, or their own edit, measured again after every change.
///
/// Which variant comes first: the recipient's place in the batch (as `preview` shows it) moved on by a number drawn
/// from the supporter's id, so that the supporters who write to one deputy send them different wordings, and the
/// same supporter sees the same message twice. ``nextVariant()`` goes round the recipient's variants in the
/// campaign's rotation order, each fitted to the limit as the composer fits it.
public struct MessageDraft: Sendable {
    /// Composes with the supporter's idempotency key.
    public let composer: Composer
    /// Who the message is for.
    public let recipient: Recipient
    /// The message as it stands: composed, or edited (then ``isEdited``), measured either way.
    public private(set) var message: Message
    /// Whether the text is the supporter's own edit.
    public private(set) var isEdited = false
    /// How many variants take turns for this recipient (fallbacks are only used when these do not fit).
    public let variantCount: Int
    /// Which of them is shown, from 0.
    public private(set) var turn = 0
    private let firstRank: Int

    /// The draft for `recipient`, one of the campaign's `targets` (in list order), written by `supporter`.
    public init(campaign: Campaign, recipient: Recipient, targets: [Recipient], supporter: SupporterID, mastodonInstance: MastodonInstance? = nil) {
        self.init(composer: Composer(campaign: campaign), recipient: recipient, targets: targets, supporter: supporter,
                  mastodonInstance: mastodonInstance)
    }

    /// The same draft, from `composer`, the campaign's templates compiled once (for any supporter): a server keeps
    /// one per campaign.
    public init(composer compiled: Composer, recipient: Recipient, targets: [Recipient], supporter: SupporterID,
                mastodonInstance: MastodonInstance? = nil) {
        self.init(composer: compiled, recipient: recipient, batchRank: Self.batchRank(of: recipient, among: targets, composer: compiled),
                  supporter: supporter, mastodonInstance: mastodonInstance)
    }

    /// The same draft, with the recipient's ``batchRank(of:among:composer:)`` already known (a server works out
    /// every target's once: ``batchRanks(among:composer:)``).
    public init(composer compiled: Composer, recipient: Recipient, batchRank: Int, supporter: SupporterID,
                mastodonInstance: MastodonInstance? = nil) {
        composer = compiled.composing(for: supporter.rawValue, mastodonInstance: mastodonInstance)
        self.recipient = recipient
        let set = composer.variantSet(for: recipient)
        variantCount = set.rotation.count
        firstRank = batchRank + Int(VariantRotation.stableHash(supporter.rawValue) % 1_000_003)
        message = composer.message(for: recipient, in: set, rank: firstRank)
    }

    /// The recipient's rank among the reachable `targets` (in list order) that share its variant set, as the batch
    /// counts it: how many of them come before it.
    public static func batchRank(of recipient: Recipient, among targets: [Recipient], composer: Composer) -> Int {
        let channel = composer.campaign.channel
        let set = composer.variantSet(for: recipient)
        var batchRank = 0
        for target in targets {
            if target.id == recipient.id { break }
            if target.isReachable(on: channel), composer.variantSet(for: target) == set { batchRank += 1 }
        }
        return batchRank
    }

    /// ``batchRank(of:among:composer:)`` of each of `targets`, by id, in one walk over them.
    public static func batchRanks(among targets: [Recipient], composer: Composer) -> [String: Int] {
        let channel = composer.campaign.channel
        var reachableBefore: [VariantSet: Int] = [:]
        var ranks: [String: Int] = [:]
        ranks.reserveCapacity(targets.count)
        for target in targets {
            let set = composer.variantSet(for: target)
            // An id given twice keeps the rank of its first place, where the walk stops.
            if ranks[target.id] == nil { ranks[target.id] = reachableBefore[set, default: 0] }
            if target.isReachable(on: channel) { reachableBefore[set, default: 0] += 1 }
        }
        return ranks
    }

    /// Shows the next variant of the rotation (back to the first after the last), dropping any edit.
    public mutating func nextVariant() {
        guard variantCount > 0 else { return }
        turn = (turn + 1) % variantCount
        message = composer.message(for: recipient, rank: firstRank + turn)
        isEdited = false
    }

    /// Replaces the text with the supporter's, trimmed, and measures it: over the limit, the message has a
    /// ``MessageProblem/tooLong(weightedLength:maxLength:)`` problem and cannot be sent.
    public mutating func edit(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let measurement = composer.profile.measure(trimmed)
        var problems: [MessageProblem] = []
        let channel = composer.campaign.channel
        if !measurement.valid {
            problems.append(measurement.excess > 0
                ? .tooLong(weightedLength: measurement.weightedLength, maxLength: measurement.maxLength) : .invalid)
        } else {
            let mention = recipient.mention(on: channel)
            if let problem = MessageContentCheck.problem(in: trimmed, address: "", mention: mention) { problems.append(problem) }
        }
        message = Message(
            recipient: recipient, channel: channel, text: trimmed, measurement: measurement, variantID: message.variantID,
            fitting: message.fitting, problems: problems,
            intentLinkPrefix: problems.isEmpty ? IntentLink.prefix(on: channel, mastodonInstance: composer.mastodonInstance) : nil,
            idempotencyKey: message.idempotencyKey)
        isEdited = true
    }

    /// The mention the recipient is addressed by (`@JeromeGuedj`), when the channel has one.
    public var mention: String? { recipient.mention(on: composer.campaign.channel) }

    /// Whether the text still addresses the recipient: an edit that drops the mention would not notify them.
    public var mentionsRecipient: Bool {
        guard let mention else { return true }
        // As written (a composed message always has it so): found byte for byte, between ASCII characters.
        if Self.containsAsWritten(mention, in: message.text) { return true }
        return message.text.range(of: mention, options: .caseInsensitive) != nil
    }

    /// Whether `text` holds `part` byte for byte with an ASCII byte (or an end) on each side, so that the match
    /// cannot be part of a larger character.
    static func containsAsWritten(_ part: String, in text: String) -> Bool {
        var text = text, part = part
        return text.withUTF8 { text in
            part.withUTF8 { part in
                guard let first = part.first, part.count <= text.count else { return false }
                var start = 0
                while start + part.count <= text.count {
                    if text[start] == first, (start == 0 || text[start - 1] < 0x80),
                       start + part.count == text.count || text[start + part.count] < 0x80,
                       memcmp(text.baseAddress! + start, part.baseAddress!, part.count) == 0 {
                        return true
                    }
                    start += 1
                }
                return false
            }
        }
    }
}
