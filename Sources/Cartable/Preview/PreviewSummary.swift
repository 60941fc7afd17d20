/// What a preview saw: how many messages, how many reach their recipient as they are, what went wrong, and how
/// variants, groups, departments and lengths spread.
///
/// It counts every message of the part of the batch looked at (targets matching the filters, up to the number of
/// messages asked for), including those left out of the output when only messages with a problem are shown.
public struct PreviewSummary: Sendable {
    /// The campaign's id.
    public var campaignID: String
    /// The campaign's title.
    public var title: String
    /// Where the messages would be posted.
    public var channel: Channel
    /// The length profile's name.
    public var profile: String
    /// The variant ids, in the campaign's order.
    public var variantIDs: [String]
    /// Targets looked at (reachable or not).
    public var targets = 0
    /// Of those, how many have no handle on the channel (no message is composed for them).
    public var unreachable = 0
    /// The first unreachable targets, to name them.
    public var unreachableExamples: [RecipientReference] = []
    /// Whether the campaign leaves unreachable targets out knowingly (`skip_unreachable`).
    public var unreachableSkipped: Bool
    /// Messages composed.
    public var messages = 0
    /// Of those, how many can be sent as they are.
    public var valid = 0
    /// Messages over the limit whatever was tried.
    public var tooLong = 0
    /// Messages the platform would refuse for another reason.
    public var invalid = 0
    /// Targets no variant is meant for.
    public var withoutVariant = 0
    /// Valid messages that fit only with another variant or without optional parts.
    public var fitted = 0
    /// Messages per variant id.
    public var variants: [String: Int] = [:]
    /// Messages per group code (`""` for recipients without a group).
    public var groups: [String: Int] = [:]
    /// Messages per department code (`""` for recipients without one).
    public var departments: [String: Int] = [:]
    /// Department names by code, for display.
    public var departmentNames: [String: String] = [:]
    /// The lengths of the messages.
    public var lengths: LengthDistribution
    /// Whether the preview stopped at the number of messages asked for (``PreviewOptions/limit``) before the end
    /// of the batch.
    public var stoppedAtLimit = false

    /// How many unreachable targets are named in ``unreachableExamples`` at most.
    public static let unreachableExampleLimit = 100

    /// An empty summary for `composer`'s campaign.
    public init(_ composer: Composer) {
        let campaign = composer.campaign
        campaignID = campaign.id
        title = campaign.title
        channel = campaign.channel
        profile = composer.profile.name
        variantIDs = campaign.templates.map(\.id)
        unreachableSkipped = campaign.targets.skipUnreachable
        lengths = LengthDistribution(maxLength: composer.profile.maxLength)
    }

    /// Messages with a problem.
    public var problems: Int { tooLong + invalid + withoutVariant }

    /// Recipients a message reaches as it is.
    public var reached: Int { valid }

    /// 1 when some message has a problem, else 0.
    public var exitCode: Int32 { problems > 0 ? 1 : 0 }

    /// Counts `message`.
    public mutating func add(_ message: Message) {
        messages += 1
        if message.isValid {
            valid += 1
            if !message.fitting.isAsChosen { fitted += 1 }
        }
        for problem in message.problems {
            switch problem {
            case .tooLong: tooLong += 1
            case .invalid, .hiddenCharacters, .onlyAddress: invalid += 1
            case .noTemplate: withoutVariant += 1
            }
        }
        if let variant = message.variantID { variants[variant, default: 0] += 1 }
        groups[message.recipient.group ?? "", default: 0] += 1
        let department = message.recipient.department ?? ""
        departments[department, default: 0] += 1
        if departmentNames[department] == nil, let name = message.recipient.departmentName { departmentNames[department] = name }
        if message.variantID != nil { lengths.add(message.measurement.weightedLength) }
    }

    /// Counts a target the channel cannot reach.
    public mutating func addUnreachable(_ recipient: Recipient) {
        unreachable += 1
        if unreachableExamples.count < Self.unreachableExampleLimit {
            unreachableExamples.append(RecipientReference(recipient))
        }
    }

    /// Per-variant counts in the campaign's order (variants no message uses have 0).
    public var variantCounts: [(id: String, count: Int)] {
        variantIDs.map { ($0, variants[$0, default: 0]) }
    }
}
