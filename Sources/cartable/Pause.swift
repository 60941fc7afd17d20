import ArgumentParser
import Cartable
import Foundation

/// `cartable pause`: hold a campaign's messages in every sender until `cartable resume`.
struct Pause: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pause",
        abstract: "Pause a campaign's sending: every sender of this outbox leaves its messages queued until resumed.",
        discussion: """
            The pause is stored in the outbox, so it holds every `cartable send` and `cartable serve` on it, on this \
            machine or another. Messages being sent right now finish; the others stay queued (`cartable status` \
            lists the campaign as paused) until `cartable resume CAMPAIGN-ID`. Supporters can still queue \
            messages meanwhile.

            Exit status: 0 paused (or already paused), 2 a campaign the outbox does not know, bad usage or outbox.
            """
    )

    @Argument(help: ArgumentHelp("The campaign's id, as `cartable status` shows it.", valueName: "campaign-id"))
    var campaignID: String

    @OptionGroup var outboxOptions: OutboxOptions

    func run() async throws {
        let change = try await outboxOptions.using(.readWrite, doing: "pausing the campaign") { outbox in
            try await outbox.pause(campaignID: campaignID, now: Date())
        }
        switch change {
        case .changed:
            Terminal.printText("\(campaignID): paused; its messages stay queued until `cartable resume \(campaignID)`")
        case .unchanged:
            Terminal.printText("\(campaignID): already paused; nothing changed")
        case .unknownCampaign:
            throw PauseCommandError.unknownCampaign(campaignID, outbox: outboxOptions.shownLocation).report()
        }
    }
}

/// What `pause` and `resume` refuse.
enum PauseCommandError {
    case unknownCampaign(String, outbox: String)

    /// Prints the error with its hint on standard error and returns exit status 2.
    func report() -> ExitCode {
        switch self {
        case .unknownCampaign(let campaignID, let outbox):
            Terminal.printError("\(outbox) has no message and no pacing of campaign \(campaignID); nothing changed")
            Terminal.printNote("  hint: check the id with cartable status (its campaign ids are the campaign files' `id`), or the --outbox")
        }
        return ExitCode(2)
    }
}
