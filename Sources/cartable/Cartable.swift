import ArgumentParser
import Cartable

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
        subcommands: [Count.self, Lint.self, Preview.self, RecipientsCommand.self, Queue.self, Send.self, Status.self, Retry.self, Cancel.self, Pause.self, Resume.self, Write.self, Serve.self, OutboxCommand.self]
    )

    /// Runs the command, mapping ArgumentParser's usage errors (EX_USAGE, 64) to the CLI contract's exit status 2.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandleOutput.standardError(fullMessage(for: error) + "\n")
                exit(withError: ExitCode(2))
            }
            exit(withError: error)
        }
    }
}
