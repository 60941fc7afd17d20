import ArgumentParser
import Cartable
import Foundation

/// `cartable resume`: let a paused campaign's messages go again.
struct Resume: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Resume a paused campaign's sending: its queued messages go again with the next claim of any sender.",
        discussion: """
            Undoes `cartable pause`. A running `cartable send --watch` or `cartable serve` picks the messages up by \
            itself; a `cartable send` run sends what is due.

            Exit status: 0 resumed (or not paused), 2 a campaign the outbox does not know, bad usage or outbox.
            """
    )

    @Argument(help: ArgumentHelp("The campaign's id, as `cartable status` shows it.", valueName: "campaign-id"))
    var campaignID: String

    @OptionGroup var outboxOptions: OutboxOptions

    func run() async throws {
        let change = try await outboxOptions.using(.readWrite, doing: "resuming the campaign") { outbox in
            try await outbox.resume(campaignID: campaignID)
        }
        switch change {
        case .changed:
            Terminal.printText("\(campaignID): resumed; its queued messages go with the next send")
        case .unchanged:
            Terminal.printText("\(campaignID): not paused; nothing changed")
        case .unknownCampaign:
            throw PauseCommandError.unknownCampaign(campaignID, outbox: outboxOptions.shownLocation).report()
        }
    }
}
