import ArgumentParser
import Cartable
import Foundation

/// `cartable queue`: compose a campaign's batch and put it in the outbox.
struct Queue: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: "Compose a campaign's messages and put them in the outbox, in one transaction.",
        discussion: """
            Composes the batch exactly as `cartable preview` shows it. Messages with a problem (too long, invalid, \
            no variant) are reported and not queued. Each message's key is campaign/supporter/recipient/channel: \
            queueing the same campaign again adds only what is new, and says how many were already queued. The \
            campaign's pace (per-recipient caps, sending hours, window) is stored with the messages for `send`.

            --via chooses the sender: the campaign's own platform (x for a twitter campaign, mastodon, bluesky), \
            webhook, or dry-run (writes JSON lines, posts nothing).

            Exit status: 0 queued (or already there), 1 some messages have a problem or the campaign has errors, \
            2 bad usage, unreadable campaign or unusable outbox.
            """
    )

    @Argument(help: "The campaign file (YAML).")
    var campaign: String

    @Option(name: .long, help: ArgumentHelp("The sender: the campaign's platform (x for a twitter campaign), webhook or dry-run.", valueName: "channel"))
    var via: ChannelDescriptor

    @Option(name: .long, help: ArgumentHelp("Who sends: a supporter's id (default: organiser, for the campaign's own batch).", valueName: "id"))
    var supporter: String = IdempotencyKey.organiser

    @Option(name: .long, help: "full: the queue is synced to disk before the command returns (default); normal: faster, see docs/outbox.md.")
    var durability: DurabilityOption = .full

    @OptionGroup var outboxOptions: OutboxOptions

    @OptionGroup var campaignAccess: CampaignAccessOptions

    func validate() throws {
        guard !supporter.isEmpty else { throw ValidationError("--supporter cannot be empty") }
    }

    func run() async throws {
        let loaded = try CampaignInput.load(campaign, toBe: "queued", access: campaignAccess.access)
        guard via.canSend(messagesFor: loaded.channel) else {
            let own = BuiltInChannel.platformSender(for: loaded.channel)
            Terminal.printError("\(campaign) is a \(loaded.channel.displayName) campaign: its messages go --via \(own.name), webhook or dry-run, not \(via.name)")
            throw ExitCode(2)
        }
        let recipients = try CampaignInput.recipients(of: loaded)

        // Read, compose and insert one message at a time, all in the outbox's one transaction: memory stays flat
        // however long the list, and a batch is either queued whole or not at all.
        let entries = QueueEntries(Composer(campaign: loaded, supporter: supporter), recipients: recipients, via: via)
        let result: EnqueueResult
        do {
            let outbox = try outboxOptions.open(.createIfMissing, durability: durability.value)
            do {
                result = try outbox.enqueue(entries, pacing: CampaignPacing(campaignID: loaded.id, limits: loaded.sending), now: Date())
            } catch {
                throw OutboxFailure(error, path: outbox.location, doing: "queueing messages")
            }
        } catch let failure as OutboxFailure {
            // Nothing was queued; still report every message's problem and the list's first, as for a batch queued.
            entries.drain()
            Terminal.printDiagnostics(recipients.diagnostics.errors)
            throw failure.report()
        }
        Terminal.printDiagnostics(recipients.diagnostics.errors)
        let problems = entries.problems, unreachable = entries.unreachable
        var line = "\(loaded.id): queued \(result.added) new message\(result.added == 1 ? "" : "s") for \(via.name), "
            + "\(result.alreadyQueued) already queued"
        if problems > 0 { line += ", \(problems) not queued (problems above)" }
        if unreachable > 0 { line += "; \(unreachable) target\(unreachable == 1 ? "" : "s") without a \(loaded.channel.rawValue) handle" }
        print(line + " — outbox \(outboxOptions.shownLocation)")
        if case .ended(let reason) = SendingSchedule.status(of: loaded, on: via, at: Date()) {
            Terminal.printNote("cartable: warning: \(reason); `send` will mark these messages dead (the dry run is exempt)")
        }
        if problems > 0 || !recipients.diagnostics.errors.isEmpty { throw ExitCode(1) }
    }
}
