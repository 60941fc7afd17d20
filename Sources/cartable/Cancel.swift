import ArgumentParser
import Cartable
import Foundation

/// `cartable cancel`: withdraw messages not sent yet.
struct Cancel: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Cancel queued and retrying messages (those being sent right now are left to finish).",
        discussion: "`cartable retry` queues cancelled messages again. Exit status: 0 ok (even if nothing matched), 2 bad usage or outbox."
    )

    @OptionGroup var selectionOptions: SelectionOptions
    @OptionGroup var outboxOptions: OutboxOptions

    func run() async throws {
        let count = try await outboxOptions.using(.readWrite, doing: "cancelling messages") { outbox in
            try await outbox.cancel(selectionOptions.selection, now: Date())
        }
        print("\(count) message\(count == 1 ? "" : "s") cancelled")
    }
}
