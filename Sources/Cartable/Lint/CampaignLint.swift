import Foundation

/// Checks a campaign after composing it: loads the campaign and its recipients, selects the targets, composes the
/// batch with the ``Composer`` (the very messages a preview shows and a send would post), and reports every problem.
///
/// Campaign parsing knows nothing of this step; it only reads what the campaign file, the recipient list and the
/// composed messages say.
public enum CampaignLint {
    /// The outcome of a lint.
    public struct Report: Sendable, Encodable {
        /// The campaign file, as the user named it.
        public var campaign: String
        /// Every problem found: the campaign file's, the recipient list's, and the messages'.
        public var diagnostics: [Diagnostic] = []
        /// Whether the campaign file could not be read or is not YAML.
        public var unreadable = false
        /// The length profile messages were measured with.
        public var profile: String?
        /// How many recipients the targets select.
        public var targets = 0
        /// Of the targets, how many the channel reaches.
        public var reach: Reach?
        /// The targets the channel cannot reach (no handle).
        public var unreachable: [RecipientReference] = []
        /// Whether the campaign leaves unreachable targets out knowingly (`skip_unreachable`), so they are no warning.
        public var unreachableSkipped = false
        /// Messages composed and measured: one per reachable target.
        public var messagesChecked = 0
        /// Of those, how many are over the limit even after fitting (another variant, optional parts left out).
        public var messagesOverLimit = 0
        /// Of those, how many fit only thanks to another variant or by leaving optional parts out.
        public var messagesFitted = 0
        /// Per variant: how many messages use it and its longest one.
        public var variants: [VariantSummary] = []

        /// 2 when the campaign is unreadable, 1 when there are errors, else 0.
        public var exitCode: Int32 { unreadable ? 2 : diagnostics.containsErrors ? 1 : 0 }
    }

    /// How one variant fares.
    public struct VariantSummary: Sendable, Hashable, Encodable {
        /// The variant's id.
        public var id: String
        /// How many messages use it.
        public var recipients: Int
        /// The weighted length of its longest message.
        public var longest: Int
        /// The profile's limit.
        public var maxLength: Int
        /// The recipient whose message is the longest.
        public var longestFor: RecipientReference?
    }

    /// Lints the campaign file at `url`, which may name the files `access` allows.
    public static func run(contentsOf url: URL, displayPath: String? = nil, access: CampaignFileAccess = CampaignFileAccess()) -> Report {
        let file = CampaignFile.load(contentsOf: url, displayPath: displayPath, access: access)
        var report = Report(campaign: file.path, diagnostics: file.diagnostics, unreadable: file.isUnreadable)
        guard let campaign = file.campaign else { return report }
        let recipients = CampaignRecipients(loading: campaign)
        report.diagnostics += recipients.diagnostics
        guard let list = recipients.list else { return report }
        lint(campaign, recipients: list, into: &report)
        return report
    }

    /// Checks targets, reach, variants and messages.
    static func lint(_ campaign: Campaign, recipients list: RecipientList, into report: inout Report) {
        checkCriteria(campaign.targets.include, campaign: campaign, list: list, what: "targets", into: &report)
        checkCriteria(campaign.targets.exclude, campaign: campaign, list: list, what: "targets.exclude", into: &report)
        for variant in campaign.templates {
            if let segment = variant.segment {
                checkCriteria(segment, campaign: campaign, list: list, what: "template '\(variant.id)'", at: variant.location, into: &report)
            }
        }
        let targets = campaign.targets.select(from: list.recipients)
        report.targets = targets.count
        let targetsAt = campaign.locations.targets ?? campaign.locations.file
        guard !targets.isEmpty else {
            report.diagnostics.append(Diagnostic(
                .error, at: targetsAt, message: "the targets select no recipient of \(list.path) (\(list.recipients.count) recipients)",
                hint: "check the criteria against the list's recipients", remedy: .listRecipients(path: list.path)))
            return
        }
        let reachable = targets.filter { $0.isReachable(on: campaign.channel) }
        report.reach = Reach(channel: campaign.channel, recipients: targets.count, reachable: reachable.count)
        report.unreachable = targets.filter { !$0.isReachable(on: campaign.channel) }.map(RecipientReference.init)
        report.unreachableSkipped = campaign.targets.skipUnreachable
        if !report.unreachable.isEmpty && !campaign.targets.skipUnreachable {
            let examples = report.unreachable.prefix(3).map(\.name).joined(separator: ", ")
            report.diagnostics.append(Diagnostic(
                .warning, at: targetsAt,
                message: "\(report.unreachable.count) of \(targets.count) targets have no \(campaign.channel.rawValue) handle and cannot be reached (\(examples)\(report.unreachable.count > 3 ? ", …" : ""))",
                hint: "add handles in an overrides file, or exclude them", remedy: .listUnreachable))
        }
        if reachable.isEmpty {
            report.diagnostics.append(Diagnostic(
                .error, at: targetsAt, message: "no target can be reached on \(campaign.channel.rawValue)",
                hint: "the list has no \(campaign.channel.rawValue) handles for them"))
            return
        }
        measure(Composer(campaign: campaign).messages(for: reachable), campaign: campaign, into: &report)
    }

    /// Reports group codes and ids that no recipient of the list has: a typo there would silently shrink the targets.
    static func checkCriteria(_ filter: RecipientFilter, campaign: Campaign, list: RecipientList, what: String,
                              at location: SourceLocation? = nil, into report: inout Report) {
        let at = location ?? campaign.locations.targets ?? campaign.locations.file
        let groups = Set(list.recipients.compactMap { $0.group?.lowercased() })
        let listedGroups = Set(list.recipients.compactMap(\.group)).sorted()
        for group in filter.groups where !groups.contains(group.lowercased()) {
            let suggestion = YAMLReader.closest(to: group, in: listedGroups).map { "did you mean '\($0)'? " } ?? ""
            report.diagnostics.append(Diagnostic(
                .error, at: at, message: "\(what): no recipient of \(list.path) is in group '\(group)'",
                hint: "\(suggestion)groups in the list: \(listedGroups.joined(separator: ", "))"))
        }
        let ids = Set(list.recipients.map(\.id))
        for id in filter.ids where !ids.contains(id) {
            report.diagnostics.append(Diagnostic(
                .error, at: at, message: "\(what): no recipient of \(list.path) has id '\(id)'",
                hint: "ids are in the first column of the list", remedy: .searchRecipients(path: list.path)))
        }
        let departments = Set(list.recipients.compactMap(\.department))
        for department in filter.departments where !departments.contains(department) {
            report.diagnostics.append(Diagnostic(.error, at: at, message: "\(what): no recipient of \(list.path) is in department '\(department)'"))
        }
        let constituencies = Set(list.recipients.compactMap(\.constituencyKey))
        for constituency in filter.constituencies where !constituencies.contains(constituency) {
            report.diagnostics.append(Diagnostic(.error, at: at, message: "\(what): no recipient of \(list.path) has constituency '\(constituency)'"))
        }
    }
}
