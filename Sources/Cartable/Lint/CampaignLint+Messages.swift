extension CampaignLint {
    /// Goes through the composed batch: each message over the limit (or refused for another reason, such as a
    /// character the platform does not accept) is an error at its variant's text, naming the recipient and by how
    /// much; recipients no variant is meant for are one error; variants that had to give way to another, or lose
    /// optional parts, to fit someone are one warning (or note, when the campaign planned it) each.
    ///
    /// One problem of one variant is reported for its first ``examplesPerProblem`` recipients, then once for all the
    /// others with their count; hints quote messages by excerpt (``MessageExcerpt``).
    static func measure(_ messages: some Sequence<Message>, campaign: Campaign, into report: inout Report) {
        var tally = MessageTally(campaign: campaign)
        for message in messages { tally.add(message) }
        tally.finish(into: &report)
    }

    /// ``measure(_:campaign:into:)`` one message at a time, in flat memory: per variant and per problem, counts and
    /// the first few examples, never the messages themselves.
    struct MessageTally {
        let campaign: Campaign
        private let profile: LengthProfile
        private let variantsByID: [String: TemplateVariant]
        private var summaries: [String: VariantSummary] = [:]
        private var withoutVariant = 0
        private var withoutVariantExamples: [Recipient] = []
        private var gaveWay: [String: GaveWay] = [:]
        private var repeated: [ProblemKey: RepeatedProblem] = [:]
        private var diagnostics: [Diagnostic] = []
        private var checked = 0, overLimit = 0, fitted = 0

        init(campaign: Campaign) {
            self.campaign = campaign
            profile = campaign.profile
            variantsByID = Dictionary(campaign.templates.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        }

        /// Counts one composed message, keeping its problem as an example while the variant has few.
        mutating func add(_ message: Message) {
            checked += 1
            guard let variantID = message.variantID, let variant = variantsByID[variantID] else {
                withoutVariant += 1
                if withoutVariantExamples.count < 3 { withoutVariantExamples.append(message.recipient) }
                return
            }
            var summary = summaries[variantID]
                ?? VariantSummary(id: variantID, recipients: 0, longest: 0, maxLength: message.measurement.maxLength, longestFor: nil)
            summary.recipients += 1
            if message.measurement.weightedLength > summary.longest {
                summary.longest = message.measurement.weightedLength
                summary.longestFor = RecipientReference(message.recipient)
            }
            summaries[variantID] = summary
            if message.isValid, !message.fitting.isAsChosen, let chosen = message.fitting.chosenVariantID {
                fitted += 1
                gaveWay[chosen, default: GaveWay()].add(message)
            }
            for problem in message.problems {
                if case .tooLong = problem { overLimit += 1 }
                let key = ProblemKey(variantID: variantID, code: problem.code)
                var tally = repeated[key]
                if tally == nil || tally!.shown < examplesPerProblem {
                    let single = diagnostic(problem, message, variant, campaign: campaign, profile: profile)
                    if tally == nil { tally = RepeatedProblem(variant: variant, first: single) }
                    diagnostics.append(single)
                    tally!.shown += 1
                } else {
                    tally!.more += 1
                    tally!.largestExcess = max(tally!.largestExcess, problem.excess)
                }
                repeated[key] = tally
            }
        }

        /// Adds the counts and the problems, each repeated one summed up, to `report`.
        func finish(into report: inout Report) {
            report.profile = profile.name
            report.messagesChecked += checked
            report.messagesOverLimit += overLimit
            report.messagesFitted += fitted
            report.diagnostics += diagnostics
            for (key, problem) in repeated.sorted(by: { $0.key < $1.key }) where problem.more > 0 {
                let excess = problem.largestExcess > 0 ? ", up to \(problem.largestExcess) over the limit" : ""
                report.diagnostics.append(Diagnostic(
                    problem.first.severity, at: problem.variant.location,
                    message: "template '\(key.variantID)': the same problem (\(key.code)) for \(problem.more) more recipient\(problem.more == 1 ? "" : "s")\(excess)",
                    hint: "fix the template", remedy: .listProblemMessages))
            }
            if withoutVariant > 0 {
                let examples = withoutVariantExamples.map { "\($0.name) (\($0.group ?? "no group"))" }.joined(separator: ", ")
                report.diagnostics.append(Diagnostic(
                    .error, at: campaign.locations.templates ?? campaign.locations.file,
                    message: "\(withoutVariant) targets match no template (\(examples)\(withoutVariant > 3 ? ", …" : ""))",
                    hint: "every template has a `when`; add one without `when` for the rest"))
            }
            for variant in campaign.templates {
                guard let messages = gaveWay[variant.id] else { continue }
                report.diagnostics.append(fittingDiagnostic(variant, messages, profile: profile))
            }
            report.variants = campaign.templates.compactMap { summaries[$0.id] }
        }
    }

    private static func diagnostic(
        _ problem: MessageProblem, _ message: Message, _ variant: TemplateVariant, campaign: Campaign, profile: LengthProfile
    ) -> Diagnostic {
        let recipient = message.recipient
        let who = "\(recipient.name)\(recipient.mention(on: campaign.channel).map { " (\($0))" } ?? "")"
        let measurement = message.measurement
        switch problem {
        case .tooLong:
            let tried = message.fitting.isAsChosen ? "" : " (the shortest wording that was tried)"
            return Diagnostic(
                .error, at: variant.location,
                message: "template '\(variant.id)' for \(who) is \(measurement.weightedLength) characters on \(profile.name), \(measurement.excess) over the limit of \(measurement.maxLength)\(tried)",
                hint: "shorten the text by \(measurement.excess), or add a shorter variant for the same recipients: \(MessageExcerpt.quote(message.text))")
        case .hiddenCharacters, .onlyAddress:
            return Diagnostic(
                .error, at: variant.location,
                message: "template '\(variant.id)' for \(who) \(problem.description)",
                hint: "the message: \(MessageExcerpt.quote(message.text))")
        case .invalid, .noTemplate:
            return Diagnostic(
                .error, at: variant.location,
                message: "template '\(variant.id)' for \(who) is not a valid \(profile.name) message (empty, or holding a character the platform refuses)",
                hint: "the message: \(MessageExcerpt.quote(message.text))")
        }
    }

    /// How many recipients one problem of one variant is reported for, one by one.
    static let examplesPerProblem = 3

    /// A problem of a variant, whoever has it.
    private struct ProblemKey: Hashable, Comparable {
        var variantID: String
        var code: String
        static func < (a: Self, b: Self) -> Bool { (a.variantID, a.code) < (b.variantID, b.code) }
    }

    /// The recipients who have one problem of one variant: those reported one by one, and the others.
    private struct RepeatedProblem {
        var variant: TemplateVariant
        var first: Diagnostic
        var shown = 0
        var more = 0
        var largestExcess = 0
    }

    /// The messages of one variant that did not fit as it is, counted: how many got another variant, how many lost
    /// optional parts, whether the campaign planned it, and the first few recipients' names.
    struct GaveWay {
        var count = 0
        var replaced = 0
        var shortened = 0
        var planned = true
        var examples: [String] = []

        mutating func add(_ message: Message) {
            count += 1
            if examples.count < 3 { examples.append(message.recipient.name) }
            if message.fitting.usedFallback {
                replaced += 1
                if !message.fitting.fallbackIsMarked { planned = false }
            } else if message.fitting.droppedOptionalParts > 0 {
                shortened += 1
            }
        }
    }

    /// One diagnostic for a variant that did not fit some recipients as it is: a note when the campaign planned
    /// what replaced it (a `fallback: true` variant, an optional part), else a warning, since the other variants'
    /// share grows.
    private static func fittingDiagnostic(_ variant: TemplateVariant, _ messages: GaveWay, profile: LengthProfile) -> Diagnostic {
        let examples = messages.examples.joined(separator: ", ")
        let more = messages.count > 3 ? ", …" : ""
        var what: [String] = []
        if messages.replaced > 0 { what.append("\(messages.replaced) got another variant") }
        if messages.shortened > 0 { what.append("\(messages.shortened) got it without optional parts") }
        let message = "template '\(variant.id)' does not fit \(messages.count) recipient\(messages.count == 1 ? "" : "s") on \(profile.name) (\(examples)\(more)): \(what.joined(separator: ", "))"
        if messages.planned {
            return Diagnostic(.note, at: variant.location, message: message)
        }
        return Diagnostic(
            .warning, at: variant.location, message: message,
            hint: "the other variants are used more often; shorten this one, or mark a variant `fallback: true`")
    }
}
