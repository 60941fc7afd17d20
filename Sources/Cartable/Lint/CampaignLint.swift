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
    ///
    /// The recipient list is read one record at a time (``RecipientStream``, finding shared handles) and each
    /// message is counted as it is composed (reading, composing and counting on three threads), so memory stays flat whatever the list's length: what grows is the
    /// stream's set of ids and table of handles, and the list of unreachable targets the report gives.
    public static func run(contentsOf url: URL, displayPath: String? = nil, access: CampaignFileAccess = CampaignFileAccess()) -> Report {
        let file = CampaignFile.load(contentsOf: url, displayPath: displayPath, access: access)
        var report = Report(campaign: file.path, diagnostics: file.diagnostics, unreadable: file.isUnreadable)
        guard let campaign = file.campaign else { return report }
        let source = campaign.recipients
        let recipients: RecipientStream
        do {
            recipients = try RecipientStream(
                contentsOf: source.url, displayPath: source.displayPath, mapping: source.mapping, overrides: source.overrides,
                overridesDisplayPath: source.overridesDisplayPath, findingSharedHandles: true)
        } catch {
            report.diagnostics.append(Diagnostic(.error, at: source.location ?? campaign.locations.file,
                                                 message: "cannot read recipient file '\(source.file)': \(error.reason)"))
            return report
        }
        lint(campaign, recipients: recipients, into: &report)
        return report
    }

    /// Checks targets, reach, variants and messages, in one walk of the list.
    static func lint(_ campaign: Campaign, recipients: RecipientStream, into report: inout Report) {
        let facts = ListFacts(path: recipients.path, campaign: campaign)
        var tally = MessageTally(campaign: campaign)
        var targets = 0, reachable = 0
        var unreachable: [RecipientReference] = []
        // Read on one thread, observed and composed on another, counted on this one (``ReadAhead``); each walk runs
        // to its end, so both threads are done, and `facts` and the stream's diagnostics free, after the loop.
        let observed = ReadAhead(recipients).lazy.map { recipient in
            facts.observe(recipient)
            return recipient
        }
        for item in ReadAhead(CampaignBatch(Composer(campaign: campaign), recipients: observed)) {
            targets += 1
            switch consume item {
            case .unreachable(let recipient):
                unreachable.append(RecipientReference(recipient))
            case .message(let message):
                reachable += 1
                tally.add(message)
            }
        }
        report.diagnostics += recipients.diagnostics

        checkCriteria(campaign.targets.include, campaign: campaign, list: facts, what: "targets", into: &report)
        checkCriteria(campaign.targets.exclude, campaign: campaign, list: facts, what: "targets.exclude", into: &report)
        for variant in campaign.templates {
            if let segment = variant.segment {
                checkCriteria(segment, campaign: campaign, list: facts, what: "template '\(variant.id)'", at: variant.location, into: &report)
            }
        }
        report.targets = targets
        let targetsAt = campaign.locations.targets ?? campaign.locations.file
        guard targets > 0 else {
            report.diagnostics.append(Diagnostic(
                .error, at: targetsAt, message: "the targets select no recipient of \(facts.path) (\(facts.count) recipients)",
                hint: "check the criteria against the list's recipients", remedy: .listRecipients(path: facts.path)))
            return
        }
        report.reach = Reach(channel: campaign.channel, recipients: targets, reachable: reachable)
        report.unreachable = unreachable
        report.unreachableSkipped = campaign.targets.skipUnreachable
        if !report.unreachable.isEmpty && !campaign.targets.skipUnreachable {
            let examples = report.unreachable.prefix(3).map(\.name).joined(separator: ", ")
            report.diagnostics.append(Diagnostic(
                .warning, at: targetsAt,
                message: "\(report.unreachable.count) of \(targets) targets have no \(campaign.channel.rawValue) handle and cannot be reached (\(examples)\(report.unreachable.count > 3 ? ", …" : ""))",
                hint: "add handles in an overrides file, or exclude them", remedy: .listUnreachable))
        }
        if reachable == 0 {
            report.diagnostics.append(Diagnostic(
                .error, at: targetsAt, message: "no target can be reached on \(campaign.channel.rawValue)",
                hint: "the list has no \(campaign.channel.rawValue) handles for them"))
            return
        }
        tally.finish(into: &report)
    }

    /// Reports group codes and ids that no recipient of the list has: a typo there would silently shrink the targets.
    static func checkCriteria(_ filter: RecipientFilter, campaign: Campaign, list: ListFacts, what: String,
                              at location: SourceLocation? = nil, into report: inout Report) {
        let at = location ?? campaign.locations.targets ?? campaign.locations.file
        let groups = Set(list.groups.map { $0.lowercased() })
        let listedGroups = list.groups.sorted()
        for group in filter.groups where !groups.contains(group.lowercased()) {
            let suggestion = YAMLReader.closest(to: group, in: listedGroups).map { "did you mean '\($0)'? " } ?? ""
            report.diagnostics.append(Diagnostic(
                .error, at: at, message: "\(what): no recipient of \(list.path) is in group '\(group)'",
                hint: "\(suggestion)groups in the list: \(listedGroups.joined(separator: ", "))"))
        }
        for id in filter.ids where !list.foundIDs.contains(id) {
            report.diagnostics.append(Diagnostic(
                .error, at: at, message: "\(what): no recipient of \(list.path) has id '\(id)'",
                hint: "ids are in the first column of the list", remedy: .searchRecipients(path: list.path)))
        }
        for department in filter.departments where !list.departments.contains(department) {
            report.diagnostics.append(Diagnostic(.error, at: at, message: "\(what): no recipient of \(list.path) is in department '\(department)'"))
        }
        for constituency in filter.constituencies where !list.constituencies.contains(constituency) {
            report.diagnostics.append(Diagnostic(.error, at: at, message: "\(what): no recipient of \(list.path) has constituency '\(constituency)'"))
        }
    }
}
