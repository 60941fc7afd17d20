import ArgumentParser
import Cartable
import Foundation

/// `cartable write`: a supporter chooses a deputy, reads the prewritten message, and posts it (or gets a link).
struct Write: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "write",
        abstract: "Write to a deputy: choose them, read the message, get a ready-to-post link or send it.",
        discussion: """
            Choose the deputy with --to (a name, whole or partial, accents and case ignored: guedj), \
            --department (code or name), --postcode (the deputy of its constituency: 91300 → Essonne's 6th), \
            or --suggest (the targets who have received the fewest messages so far); they combine (--to martin \
            --department 93). --to also takes a commune (Évry-Courcouronnes, Paris 11e) for its deputy. A \
            postcode that spans several constituencies gives each one's deputy and says which commune lies in \
            which: --postcode 01000 --to "Saint-Denis-lès-Bourg" narrows it. A recipient list without \
            constituency numbers gives the department's deputies instead. Only the campaign's targets are \
            offered. When several match, a terminal shows a numbered choice; otherwise the list is printed and \
            the exit status is 2: narrow the query.

            The message is shown with its length against the limit. On a terminal: y to confirm, n for the \
            next variant, e to edit it (in $VISUAL or $EDITOR, else on one line; measured again: a message over \
            the limit cannot be sent), q to quit.

            --via intent (the default) prints a link that opens the platform's post box with the message filled \
            in: you post it from your own account, no credentials needed. --via x, mastodon, bluesky, webhook or \
            dry-run queues it in the outbox and sends it at once from the campaign's account: it prints the \
            post's URL, or why it waits (the deputy's per-recipient cap, the sending hours: it goes later with \
            `cartable send`) or failed (it stays queued for retry). Sending needs y on a terminal, or --yes. \
            See docs/write.md.

            A supporter id (--supporter, else the one stored in .cartable/supporter-id, made on first use) \
            keeps one supporter to one message per deputy.

            Exit status: 0 the link was given or the message sent or queued (or was already), 1 nothing was \
            sent (no match, no handle on the channel, a message over the limit, quit, a failed send), 2 bad \
            usage, unreadable input, missing channel settings, or several matches without a terminal.
            """
    )

    @Argument(help: "The campaign file (YAML).")
    var campaign: String

    @Option(name: .long, help: ArgumentHelp("The deputy's name, whole or partial (also a department, postcode, commune or group).", valueName: "query"))
    var to: String?

    @Option(name: .long, help: ArgumentHelp("The deputies of this department, by code (93, 2A) or name (Seine-Saint-Denis).", valueName: "department"))
    var department: String?

    @Option(name: .long, help: ArgumentHelp("The deputy of this postcode's constituency (91300 → Essonne 6th), or each deputy when it spans several.", valueName: "postcode"))
    var postcode: String?

    @Flag(name: .long, help: "Propose the targets who have received the fewest messages so far (from the outbox).")
    var suggest = false

    @Option(name: .long, help: ArgumentHelp("intent (a link to post it yourself), or a sender.", valueName: "channel"))
    var via: WriteDestination = .intent

    @Flag(name: [.short, .long], help: "Do not ask for confirmation (scripts); with --suggest, take the first proposed.")
    var yes = false

    @Option(name: .long, help: ArgumentHelp("Your supporter id (default: the one in .cartable/supporter-id, made on first use).", valueName: "id"))
    var supporter: String?

    @Option(name: .long, help: ArgumentHelp("The Mastodon instance a link opens (default: CARTABLE_MASTODON_URL).", valueName: "url"))
    var mastodonInstance: String?

    @Option(name: .long, help: "Output: text, or json (one object; never asks anything).")
    var format: WriteFormat = .text

    @OptionGroup var senderOptions: SenderOptions

    @OptionGroup var outboxOptions: OutboxOptions

    @OptionGroup var campaignAccess: CampaignAccessOptions

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
        if let postcode, case let answer = ConstituencyFinder.lookUp(postcode: postcode), !answer.leadsSomewhere {
            throw ValidationError(answer == .malformed
                ? "'\(postcode)' is not a French postcode (five digits, e.g. 93500)"
                : "'\(postcode)' is not a postcode La Poste knows, nor the start of a department's; check the five digits")
        }
        if let supporter, SupporterID(supporter) == nil {
            throw ValidationError("'\(supporter)' is not a supporter id: \(SupporterID.rule)")
        }
        if case .sender = via, !yes, !isInteractive {
            throw ValidationError("sending is confirmed on a terminal; without one (a script, --format json) add --yes")
        }
        guard senderOptions.timeout <= 600 else { throw ValidationError("--timeout must be between 0 and 600 seconds") }
        if let written = mastodonInstanceText, MastodonInstance(written) == nil {
            throw ValidationError("'\(written)' is not a Mastodon instance; write its address, e.g. https://piaille.fr")
        }
    }

    private var mastodonInstanceText: String? {
        mastodonInstance ?? ProcessInfo.processInfo.environment["CARTABLE_MASTODON_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Whether someone can answer questions: a terminal on both ends, and text output.
    var isInteractive: Bool { format == .text && LineInput.isInteractive }

    func run() async throws {
        let destination = via
        let audience = try loadAudience()
        let campaign = audience.campaign
        guard destination.accepts(campaign.channel) else {
            Terminal.printError(campaign.channel == .webhook
                ? "\(self.campaign) posts to the organiser's webhook: it has no post link; use --via webhook"
                : "\(self.campaign) is written for \(campaign.channel.displayName); use --via intent or --via \(BuiltInChannel.platformSender(for: campaign.channel).name) (or webhook, dry-run)")
            throw ExitCode(2)
        }
        let instance = mastodonInstanceText.flatMap(MastodonInstance.init)
        if destination == .intent, campaign.channel == .mastodon, instance == nil {
            Terminal.printError("a Mastodon link opens your own instance: pass --mastodon-instance (e.g. https://piaille.fr) or set CARTABLE_MASTODON_URL")
            throw ExitCode(2)
        }
        // Settings and the outbox are checked before the supporter is asked anything.
        let sender = try makeSender(for: destination)
        let supporterID = try resolveSupporter()
        let outbox = try openOutbox(creating: sender != nil)
        let display = WriteDisplay(colors: format == .text && Terminal.colors(onStandardOutput: true), channel: campaign.channel)
        let history: SupporterHistory
        do {
            history = try await SupporterHistory.read(outbox, campaignID: campaign.id, supporterID: supporterID)
        } catch {
            throw OutboxFailure(error, path: outbox?.location ?? outboxOptions.shownLocation, doing: "reading the outbox").report()
        }

        let recipient = try choose(in: audience, supporter: supporterID, history: history, display: display)
        if destination.needsHandle, !recipient.isReachable(on: campaign.channel) {
            explainUnreachable(recipient, audience: audience, display: display)
            throw ExitCode(1)
        }

        var draft = MessageDraft(campaign: campaign, recipient: recipient, targets: audience.targets, supporter: supporterID, mastodonInstance: instance)
        if let outbox, let earlier = try await earlierMessage(draft, via: destination, in: outbox) {
            reportAlreadyWritten(earlier, draft: draft, supporter: supporterID, via: destination, display: display)
            return
        }
        let profile = draft.composer.profile.name
        if isInteractive {
            print()
            if let note = capNote(for: recipient, limits: campaign.sending, destination: destination, history: history) { print(note) }
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

        if let sender, let outbox {
            try await send(draft, through: sender, outbox: outbox, supporter: supporterID, display: display)
        } else {
            giveLink(draft, supporter: supporterID)
        }
    }

    // MARK: Campaign and supporter

    /// The campaign, its list and its targets; exits 2 when the campaign cannot be read, 1 when it has errors.
    private func loadAudience() throws -> CampaignAudience {
        let file = CampaignFile.load(contentsOf: URL(fileURLWithPath: campaign), displayPath: campaign, access: campaignAccess.access)
        Terminal.printDiagnostics(file.diagnostics.errors)
        guard let loaded = file.campaign else {
            Terminal.printError("\(campaign) cannot be used until its errors are fixed (cartable lint \(campaign))")
            throw ExitCode(file.isUnreadable ? 2 : 1)
        }
        let (audience, diagnostics) = CampaignAudience.load(loaded)
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
            Terminal.printDiagnostics([Diagnostic(.error, file: error.path, message: error.message, hint: error.hint + ", or pass --supporter ID")])
            throw ExitCode(2)
        }
    }
}
