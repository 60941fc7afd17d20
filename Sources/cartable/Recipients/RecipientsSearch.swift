import ArgumentParser
import Cartable
import Foundation

/// `cartable recipients search`: find recipients by name, department, postcode, commune or group.
struct RecipientsSearch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Find recipients by name, department (code or name), postcode, commune or group.",
        discussion: """
            Names match without regard to accents, case or word order: guedj, "Jerome Guedj" and "GUEDJ Jérôme" \
            all find Jérôme Guedj. A postcode finds the deputy of its constituency (91300 → Essonne 6th, \
            20200 → Haute-Corse 1st, 97133 → Saint-Barthélemy et Saint-Martin), or each deputy when it spans \
            several, with a note saying which commune lies in which (01000, 75011). A commune, a Paris, Lyon or \
            Marseille arrondissement or a consular post abroad finds its deputies too (Évry-Courcouronnes, \
            "Paris 11e", "Lyon 3e", Londres); every commune of that name comes back, with its department. A list \
            without constituency numbers gives the department's deputies, and says so. The table output says \
            on standard error how the query was understood. Exits 1 when nothing matches.
            """
    )

    @OptionGroup var source: RecipientSourceOptions

    @Argument(help: "What to look for: a name, a department code or name, a postcode, a commune or a group code.")
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
            for note in result.notes { Terminal.printNote(note) }
        }
        print(RecipientListing.render(result.recipients, as: format), terminator: "")
    }
}
