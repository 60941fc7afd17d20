import ArgumentParser
import Cartable
import Foundation

/// `cartable retry`: give dead or cancelled messages another chance.
struct Retry: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry",
        abstract: "Queue dead or cancelled messages again (attempts reset), and make retrying ones due now.",
        discussion: """
            Messages keep their idempotency key, so a platform that honours one still recognises a message it \
            already has. Exit status: 0 ok (even if nothing matched), 2 bad usage or outbox.
            """
    )

    @OptionGroup var selectionOptions: SelectionOptions
    @OptionGroup var outboxOptions: OutboxOptions

    func run() async throws {
        let count = try await outboxOptions.using(.readWrite, doing: "retrying messages") { outbox in
            try await outbox.retry(selectionOptions.selection, now: Date())
        }
        print("\(count) message\(count == 1 ? "" : "s") queued again")
    }
}
