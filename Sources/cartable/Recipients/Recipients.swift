import ArgumentParser
import Cartable
import Foundation

/// `cartable recipients`: list, search and import recipient lists.
struct RecipientsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recipients",
        abstract: "List, search and import recipient lists.",
        discussion: """
            Recipient files are CSV (comma, semicolon or tab; UTF-8, or Windows-1252 with a warning) or JSON, \
            read through a column preset (cartable, datan, nosdeputes, twitter-parlementaires) or an explicit \
            --columns mapping. See docs/recipients-format.md.
            """,
        subcommands: [RecipientsList.self, RecipientsSearch.self, RecipientsImport.self]
    )
}

/// Which recipient file to read, and how.
struct RecipientSourceOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The recipient file (CSV or JSON).", valueName: "file"))
    var from: String = "Campaigns/Recipients/deputes-2024.csv"

    @Option(name: .long, help: ArgumentHelp(
        "Column preset: \(ColumnMapping.presets.map(\.name).joined(separator: ", ")).", valueName: "name"))
    var preset: String = "cartable"

    @Option(name: .long, help: ArgumentHelp(
        "Explicit column mapping instead of a preset, e.g. name=Nom,twitter=Compte,department=Dept.", valueName: "field=column,..."))
    var columns: String?

    @Flag(name: .long, help: "Also print the warnings found while reading the file.")
    var verbose = false

    func validate() throws {
        _ = try mapping()
    }

    func mapping() throws -> ColumnMapping {
        if let columns {
            return try Self.parseMapping(columns)
        }
        guard let preset = ColumnMapping(preset: preset) else {
            throw ValidationError("unknown preset '\(preset)'; presets are \(ColumnMapping.presets.map(\.name).joined(separator: ", "))")
        }
        return preset
    }

    static func parseMapping(_ text: String) throws -> ColumnMapping {
        var columns: [RecipientField: String] = [:]
        for pair in text.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let field = RecipientField(rawValue: parts[0]), !parts[1].isEmpty else {
                throw ValidationError("'\(pair)' is not field=column; fields are \(RecipientField.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            columns[field] = parts[1]
        }
        return ColumnMapping(columns: columns)
    }

    /// Loads the list, printing its errors (and warnings with --verbose) on standard error; exits 2 when the
    /// file cannot be read.
    func load() throws -> RecipientList {
        let list: RecipientList
        do {
            list = try RecipientList.load(contentsOf: URL(fileURLWithPath: from), displayPath: from, mapping: try mapping())
        } catch let error as RecipientListError {
            Terminal.printDiagnostics([Diagnostic(.error, file: error.path, message: error.reason,
                                                  hint: from == "Campaigns/Recipients/deputes-2024.csv" ? "run from the Cartable folder or name the file with --from" : nil)])
            throw ExitCode(2)
        }
        Terminal.printDiagnostics(list.diagnostics.filter { verbose || $0.severity == .error })
        return list
    }
}

/// The output format of listings.
extension RecipientListing.Format: ExpressibleByArgument {}
