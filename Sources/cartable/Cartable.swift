import ArgumentParser
import Cartable

@main
struct CartableCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cartable",
        abstract: "Compose, check and send advocacy-campaign messages to elected representatives.",
        discussion: """
            Exit status: 0 ok, 1 problems found (e.g. a message too long), 2 bad usage or unreadable input.
            Colours only on a terminal, never when NO_COLOR is set.
            """,
        version: CartableVersion.current,
        subcommands: [Lint.self, RecipientsCommand.self]
    )
}
