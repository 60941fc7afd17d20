import ArgumentParser
import Cartable
import Foundation

/// `cartable recipients search`: find recipients by name, department, postcode or group.
struct RecipientsSearch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Find recipients by name, department (code or name), postcode or group.",
        discussion: """
            Names match without regard to accents, case or word order: guedj, "Jerome Guedj" and "GUEDJ Jérôme" \
            all find Jérôme Guedj. A postcode finds its department's deputies (20000 → 2A, 20200 → 2B, 97400 → 974). \
            Exits 1 when nothing matches.
            """
    )

    @OptionGroup var source: RecipientSourceOptions

    @Argument(help: "What to look for: a name, a department code or name, a postcode or a group code.")
    var query: [String]

    @Option(name: .long, help: "Output format: table, json or csv.")
    var format: RecipientListing.Format = .table

    func run() async throws {
        let list = try source.load()
        let text = query.joined(separator: " ")
        let result = RecipientSearch(recipients: list.recipients).search(text)
        guard !result.recipients.isEmpty else {
            Terminal.printError("no recipient in \(source.from) matches \"\(text)\"")
            throw ExitCode(1)
        }
        if format == .table {
            Terminal.printNote("matched " + result.interpretations.joined(separator: "; "))
        }
        print(RecipientListing.render(result.recipients, as: format), terminator: "")
    }
}
