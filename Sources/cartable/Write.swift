import ArgumentParser
import Cartable
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `cartable write`: a supporter chooses a deputy, reads the prewritten message, and posts it (or gets a link).
struct Write: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "write",
        abstract: "Write to a deputy: choose them, read the message, get a ready-to-post link or send it.",
        discussion: """
            Choose the deputy with --to (a name, whole or partial, accents and case ignored: guedj), \
            --department (code or name), --postcode (its department's deputies), or --suggest (the targets who \
            have received the fewest messages so far); they combine (--to martin --department 93). Only the \
            campaign's targets are offered. When several match, a terminal shows a numbered choice; otherwise \
            the list is printed and the exit status is 2: narrow the query.

            The message is shown with its length against the limit. On a terminal: y to confirm, n for the \
            next variant, e to edit it (in $VISUAL or $EDITOR, else on one line; measured again: a message over \
            the limit cannot be sent), q to quit.

            --via intent (the default) prints a link that opens the platform's post box with the message filled \
            in: you post it from your own account, no credentials needed. See docs/write.md.

            A supporter id (--supporter, else the one stored in .cartable/supporter-id, made on first use) \
            keeps one supporter to one message per deputy.

            Exit status: 0 the link was given or the message sent or queued (or was already), 1 nothing was \
            sent (no match, no handle on the channel, a message over the limit, quit, a failed send), 2 bad \
            usage, unreadable input, or several matches without a terminal.
            """
    )

    @Argument(help: "The campaign file (YAML).")
    var campaign: String

    @Option(name: .long, help: ArgumentHelp("The deputy's name, whole or partial (also a department, postcode or group).", valueName: "query"))
    var to: String?

    @Option(name: .long, help: ArgumentHelp("The deputies of this department, by code (93, 2A) or name (Seine-Saint-Denis).", valueName: "department"))
    var department: String?

    @Option(name: .long, help: ArgumentHelp("The deputies of this postcode's department (93500 → 93).", valueName: "postcode"))
    var postcode: String?

    @Flag(name: .long, help: "Propose the targets who have received the fewest messages so far (from the outbox).")
    var suggest = false

    @Option(name: .long, help: ArgumentHelp("intent (a link to post it yourself, the default), or a sender: \(BuiltInChannel.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "channel"))
    var via = "intent"

    @Flag(name: [.short, .long], help: "Do not ask for confirmation (scripts); with --suggest, take the first proposed.")
    var yes = false

    @Option(name: .long, help: ArgumentHelp("Your supporter id (default: the one in .cartable/supporter-id, made on first use).", valueName: "id"))
    var supporter: String?

    @Option(name: .long, help: ArgumentHelp("The Mastodon instance a link opens (default: CARTABLE_MASTODON_URL).", valueName: "url"))
    var mastodonInstance: String?

    @Option(name: .long, help: "Output: text, or json (one object; never asks anything).")
    var format: WriteFormat = .text

    enum WriteFormat: String, ExpressibleByArgument, CaseIterable {
        case text
        case json
    }

    func validate() throws {
        // On a terminal, the name can be typed when asked; a script must say who.
        guard to != nil || department != nil || postcode != nil || suggest || isInteractive else {
            throw ValidationError("say who to write to: --to NAME, --department CODE, --postcode NNNNN or --suggest")
        }
        if let to, to.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--to needs a name (or part of one)") }
        if let department, RecipientQuery.department(named: department) == nil {
            throw ValidationError("'\(department)' is not a department; write its code (93, 2A, 974) or its name (Seine-Saint-Denis)")
        }
        if let postcode, Department(postcode: postcode) == nil {
            throw ValidationError("'\(postcode)' is not a French postcode (five digits, e.g. 93500)")
        }
        guard WriteDestination(named: via) != nil else {
            throw ValidationError("--via takes \(WriteDestination.names.joined(separator: ", ")), not '\(via)'")
        }
        if let supporter, SupporterID(supporter) == nil {
            throw ValidationError("'\(supporter)' is not a supporter id: \(SupporterID.rule)")
        }
        if let written = mastodonInstanceText, MastodonInstance(written) == nil {
            throw ValidationError("'\(written)' is not a Mastodon instance; write its address, e.g. https://piaille.fr")
        }
    }

    private var mastodonInstanceText: String? {
        mastodonInstance ?? ProcessInfo.processInfo.environment["CARTABLE_MASTODON_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Whether someone can answer questions: a terminal on both ends, and text output.
    private var isInteractive: Bool { format == .text && LineInput.isInteractive }

    func run() async throws {
        let destination = WriteDestination(named: via) ?? .intent
        let audience = try loadAudience()
        let campaign = audience.campaign
        guard destination.accepts(campaign.channel) else {
            let usable = WriteDestination.sender(for: campaign.channel)
            Terminal.printError(campaign.channel == .webhook
                ? "\(self.campaign) posts to the organiser's webhook: it has no post link; use --via webhook"
                : "\(self.campaign) is written for \(campaign.channel.displayName); use --via intent or --via \(usable.rawValue) (or webhook, dry-run)")
            throw ExitCode(2)
        }
        let instance = mastodonInstanceText.flatMap(MastodonInstance.init)
        if destination == .intent, campaign.channel == .mastodon, instance == nil {
            Terminal.printError("a Mastodon link opens your own instance: pass --mastodon-instance (e.g. https://piaille.fr) or set CARTABLE_MASTODON_URL")
            throw ExitCode(2)
        }
        let supporterID = try resolveSupporter()
        let display = WriteDisplay(colors: format == .text && Terminal.colors(onStandardOutput: true), channel: campaign.channel)

        let recipient = try choose(in: audience, supporter: supporterID, display: display)
        if destination.needsHandle, !recipient.isReachable(on: campaign.channel) {
            explainUnreachable(recipient, audience: audience, display: display)
            throw ExitCode(1)
        }

        var draft = MessageDraft(campaign: campaign, recipient: recipient, targets: audience.targets, supporter: supporterID, mastodonInstance: instance)
        let profile = draft.composer.profile.name
        if isInteractive {
            print()
            if yes {
                print(display.show(draft, profile: profile))
            } else {
                let review = DraftReview(display: display, profile: profile, confirmation: destination == .intent ? "get the link" : "send it")
                guard review.run(&draft) else {
                    print("Nothing sent.")
                    throw ExitCode(1)
                }
            }
            guard draft.message.isValid else {
                Terminal.printError("the message cannot be sent: " + (draft.message.problems.first?.description ?? "invalid"))
                throw ExitCode(1)
            }
        } else {
            if format == .text { print(display.show(draft, profile: profile)) }
            guard draft.message.isValid else {
                if format == .json {
                    var output = WriteJSON(outcome: "too-long", draft: draft, supporter: supporterID, via: destination)
                    output.detail = draft.message.problems.first?.description
                    Terminal.printJSON(output)
                }
                Terminal.printError("the message cannot be sent: " + (draft.message.problems.first?.description ?? "invalid")
                    + "; the campaign's texts need fixing (cartable lint \(self.campaign))")
                throw ExitCode(1)
            }
        }

        switch destination {
        case .intent:
            giveLink(draft, supporter: supporterID)
        case .sender:
            Terminal.printError("--via \(destination) needs the outbox, which this build does not have yet; use --via intent")
            throw ExitCode(2)
        }
    }

    // MARK: Campaign and supporter

    /// The campaign, its list and its targets; exits 2 when the campaign cannot be read, 1 when it has errors.
    private func loadAudience() throws -> CampaignAudience {
        let file = CampaignFile.load(contentsOf: URL(fileURLWithPath: campaign), displayPath: campaign)
        Terminal.printDiagnostics(file.diagnostics.errors)
        guard let loaded = file.campaign else {
            Terminal.printError("\(campaign) cannot be used until its errors are fixed (cartable lint \(campaign))")
            throw ExitCode(file.isUnreadable ? 2 : 1)
        }
        let (audience, diagnostics) = CampaignAudience.load(loaded, displayPath: campaign)
        Terminal.printDiagnostics(diagnostics.errors)
        guard let audience else { throw ExitCode(2) }
        return audience
    }

    /// `--supporter`, else the stored id, else a new one stored now (and announced).
    private func resolveSupporter() throws -> SupporterID {
        if let supporter, let id = SupporterID(supporter) { return id }
        let store = SupporterIDStore(folder: URL(fileURLWithPath: ".cartable", isDirectory: true))
        do {
            let (id, created) = try store.loadOrCreate()
            if created {
                Terminal.printNote("Your supporter id is \(id), kept in .cartable/supporter-id: one message per deputy and campaign.")
            }
            return id
        } catch {
            Terminal.printDiagnostics([Diagnostic(.error, file: error.path, message: error.message, hint: error.hint)])
            throw ExitCode(2)
        }
    }

    // MARK: Choosing the deputy

    private var query: RecipientQuery {
        RecipientQuery(
            text: to?.trimmingCharacters(in: .whitespaces), department: department.flatMap(RecipientQuery.department(named:)),
            postcode: postcode?.trimmingCharacters(in: .whitespaces))
    }

    /// The one deputy the options name, asking on a terminal when several match (or when none is named).
    private func choose(in audience: CampaignAudience, supporter: SupporterID, display: WriteDisplay) throws -> Recipient {
        var query = self.query
        var matches = audience.choice.matches(query)
        if query.isEmpty && !suggest {
            // Asked on the terminal: a name that matches nothing is asked again rather than ending the run.
            while true {
                query.text = try askWho(audience)
                matches = audience.choice.matches(query)
                guard matches.recipients.isEmpty else { break }
                print(noMatchHint(matches, asked: query, audience: audience).joined(separator: ": "))
            }
        }
        if suggest {
            return try chooseSuggested(from: query.isEmpty ? audience.targets : matches.recipients, in: audience,
                                       understood: matches.interpretations, supporter: supporter, display: display)
        }
        switch matches.recipients.count {
        case 0:
            reportNoMatch(matches, asked: query, audience: audience)
            throw ExitCode(1)
        case 1:
            return matches.recipients[0]
        default:
            let heading = "\(matches.recipients.count) deputies match (\(matches.interpretations.joined(separator: "; "))):"
            return try pickOrList(matches.recipients, heading: heading, understood: matches.interpretations, display: display,
                                  hint: "narrow it down: more of the name (--to \"first last\"), --department CODE or --postcode NNNNN")
        }
    }

    /// On a terminal without --to, --department, --postcode or --suggest: the name (or place) typed when asked.
    private func askWho(_ audience: CampaignAudience) throws -> String {
        print("\(audience.campaign.title): \(audience.targets.count) deputies to write to.")
        while true {
            guard let answer = LineInput.ask("Who do you want to write to? (a name or part of it, a department, a postcode; q to quit) ") else {
                print()
                print("Nothing sent.")
                throw ExitCode(1)
            }
            let trimmed = answer.trimmingCharacters(in: .whitespaces)
            if trimmed.lowercased() == "q" {
                print("Nothing sent.")
                throw ExitCode(1)
            }
            if !trimmed.isEmpty { return trimmed }
        }
    }

    /// `--suggest`: the least-written-to targets, at most five; the first with `--yes` when no one can be asked.
    private func chooseSuggested(
        from candidates: [Recipient], in audience: CampaignAudience, understood: [String], supporter: SupporterID, display: WriteDisplay
    ) throws -> Recipient {
        let ranking = SuggestionRanking(limits: audience.campaign.sending, channel: audience.campaign.channel, supporter: supporter)
        let result = ranking.rank(candidates, loads: [:], writtenBySupporter: [], now: Date())
        let proposed = Array(result.suggestions.prefix(5))
        guard !proposed.isEmpty else {
            var reasons: [String] = []
            if result.unreachable > 0 { reasons.append("\(result.unreachable) without a \(audience.campaign.channel.displayName) handle") }
            if result.atCap > 0 { reasons.append("\(result.atCap) at their per-recipient cap for now") }
            if result.alreadyWritten > 0 { reasons.append("\(result.alreadyWritten) you already wrote to") }
            let why = reasons.isEmpty ? "no target matches" : reasons.joined(separator: ", ")
            if format == .json {
                Terminal.printJSON(WriteChoiceJSON(error: "nothing-to-suggest", understood: understood, matches: [], hint: why))
            }
            Terminal.printError("no deputy to suggest among \(candidates.count): \(why)")
            throw ExitCode(1)
        }
        if proposed.count == 1 || (yes && !isInteractive) { return proposed[0].recipient }
        let counts = proposed.map(\.messagesSoFar)
        let heading = "The deputies who have received the fewest messages of this campaign so far:"
        return try pickOrList(proposed.map(\.recipient), heading: heading, understood: understood, display: display, counts: counts,
                              hint: "choose one with --to NAME, or add --yes to take the first")
    }

    /// On a terminal, the numbered choice; otherwise the list on standard output and exit status 2.
    private func pickOrList(
        _ candidates: [Recipient], heading: String, understood: [String], display: WriteDisplay, counts: [Int]? = nil, hint: String
    ) throws -> Recipient {
        if isInteractive {
            guard let chosen = RecipientPicker(display: display).pick(candidates, heading: heading, counts: counts) else {
                print("Nothing sent.")
                throw ExitCode(1)
            }
            return chosen
        }
        if format == .json {
            let channel = display.channel
            Terminal.printJSON(WriteChoiceJSON(
                error: "several-matches", understood: understood, matches: candidates.map { WriteRecipientJSON($0, on: channel) }, hint: hint))
        } else {
            print(heading)
            print(display.numbered(candidates, counts: counts))
        }
        Terminal.printError("\(candidates.count) deputies match and no terminal is there to choose")
        Terminal.printNote("  hint: \(hint)")
        throw ExitCode(2)
    }

    private func reportNoMatch(_ matches: RecipientChoice.Matches, asked query: RecipientQuery, audience: CampaignAudience) {
        let lines = noMatchHint(matches, asked: query, audience: audience)
        if format == .json {
            Terminal.printJSON(WriteChoiceJSON(error: "no-match", understood: matches.interpretations, matches: [], hint: lines[1]))
        }
        Terminal.printError(lines[0])
        Terminal.printNote("  hint: " + lines[1])
    }

    /// What matched nothing, and what to try.
    private func noMatchHint(_ matches: RecipientChoice.Matches, asked query: RecipientQuery, audience: CampaignAudience) -> [String] {
        let asked = [query.text.map { "\"\($0)\"" }, department.map { "department \($0)" }, postcode.map { "postcode \($0)" }]
            .compactMap { $0 }.joined(separator: " in ")
        var hint = "try part of the name (guedj), a department (93, Seine-Saint-Denis) or a postcode; `cartable recipients search` searches the whole list"
        if !matches.outsideTargets.isEmpty {
            let names = matches.outsideTargets.prefix(3).map(\.name).joined(separator: ", ")
            hint = "\(names)\(matches.outsideTargets.count > 3 ? ", …" : "") \(matches.outsideTargets.count == 1 ? "is" : "are") in the list but not among this campaign's targets"
        }
        return ["no target of \(audience.campaign.id) matches \(asked)", hint]
    }

    /// Says the deputy has no handle on the channel, where else they are, and who nearby can be reached.
    private func explainUnreachable(_ recipient: Recipient, audience: CampaignAudience, display: WriteDisplay) {
        let channel = audience.campaign.channel
        let advice = UnreachableAdvice(for: recipient, on: channel, targets: audience.targets)
        Terminal.printError("\(recipient.name) has no \(channel.displayName) handle: this campaign cannot reach them on \(channel.displayName)")
        var lines: [String] = []
        if !advice.elsewhere.isEmpty {
            let places = advice.elsewhere.map { "\($0.channel.displayName) as \($0.mention)" }.joined(separator: ", ")
            lines.append("they are on \(places), which this campaign does not post on")
        }
        lines.append("another channel: --via webhook gives the message to the organiser's webhook, which needs no handle (when the organiser runs one)")
        if !advice.alternatives.isEmpty {
            lines.append("or write to another deputy this campaign reaches (same department first, then same group):")
            lines += advice.alternatives.map { "  cartable write \(campaign) --to \"\($0.name)\"   # \(display.describe($0))" }
        }
        for line in lines { Terminal.printNote("  " + line) }
    }

    // MARK: Delivering

    /// `--via intent`: the link that opens the platform's post box with the message.
    private func giveLink(_ draft: MessageDraft, supporter: SupporterID) {
        let link = draft.message.intentURL
        if format == .json {
            var output = WriteJSON(outcome: "link", draft: draft, supporter: supporter, via: .intent)
            output.intentURL = link
            Terminal.printJSON(output)
            return
        }
        print()
        print("Post it from your own account (the link opens \(draft.message.channel.displayName) with the message filled in):")
        print(link ?? "")
    }
}
