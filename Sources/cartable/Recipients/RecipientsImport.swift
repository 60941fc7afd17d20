import ArgumentParser
import Cartable
import Foundation

/// `cartable recipients import`: turn a raw export into a clean recipient list.
struct RecipientsImport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Clean a raw recipient export into Cartable's CSV format.",
        discussion: """
            Normalises names (NFC), handles (repaired when unambiguous, otherwise rejected) and department codes, \
            and reports every repaired or rejected value with its row. Campaigns/Recipients/README.md gives the commands \
            that make the shipped lists from Campaigns/Recipients/sources/, e.g. the 2024 one:

              cartable recipients import
                Campaigns/Recipients/sources/leg17_2024_datan/deputes-active_2026-03-09.csv
                --preset datan -o Campaigns/Recipients/deputes-2024.csv

            Exits 1 when records were rejected, 2 when a file cannot be read.
            """
    )

    @Argument(help: "The raw export (CSV or JSON).")
    var source: String

    @Option(name: .long, help: ArgumentHelp("Column preset of the export.", valueName: "name"))
    var preset: String = "cartable"

    @Option(name: .long, help: ArgumentHelp("Explicit column mapping instead of a preset, e.g. name=Nom,twitter=Compte.", valueName: "field=column,..."))
    var columns: String?

    @Option(name: .long, help: ArgumentHelp("Keep the deputies seated on this day, with their group that day (NosDéputés history).", valueName: "YYYY-MM-DD"))
    var on: String?

    @Option(name: .long, help: ArgumentHelp("Another file whose handles fill in missing ones, matched by id (repeatable).", valueName: "file"))
    var handles: [String] = []

    @Option(name: .long, help: ArgumentHelp("Column preset of the --handles files.", valueName: "name"))
    var handlesPreset: String = "twitter-parlementaires"

    @Option(name: .long, help: ArgumentHelp("An overrides file applied last (see docs/recipients-format.md).", valueName: "file"))
    var overrides: String?

    @Option(name: [.short, .long], help: ArgumentHelp("Where to write the clean CSV; standard output by default.", valueName: "file"))
    var output: String?

    @Flag(name: .long, help: "Print the diagnostics as JSON on standard error instead of text.")
    var json = false

    func validate() throws {
        if let on, !SeatedOnDate.isDate(on) { throw ValidationError("--on takes a date written YYYY-MM-DD, not '\(on)'") }
        if columns == nil, ColumnMapping(preset: preset) == nil { throw ValidationError("unknown preset '\(preset)'") }
        if ColumnMapping(preset: handlesPreset) == nil { throw ValidationError("unknown preset '\(handlesPreset)'") }
    }

    func run() async throws {
        let mapping = try columns.map(RecipientSourceOptions.parseMapping) ?? ColumnMapping(preset: preset) ?? .cartable
        let handlesMapping = ColumnMapping(preset: handlesPreset) ?? .twitterParlementaires
        let job = RecipientImport(
            source: .init(url: URL(fileURLWithPath: source), path: source, mapping: mapping),
            seatedOn: on,
            handleSources: handles.map { .init(url: URL(fileURLWithPath: $0), path: $0, mapping: handlesMapping) },
            overrides: overrides.map { URL(fileURLWithPath: $0) },
            overridesPath: overrides
        )
        var inputs = [(path: source, role: "the source list")] + handles.map { (path: $0, role: "a handles list") }
        if let overrides { inputs.append((overrides, "the overrides file")) }
        var file: OutputFile? = nil
        if let output {
            do {
                file = try OutputFile(output, inputs: inputs)
            } catch {
                Terminal.printError(error.message)
                throw ExitCode(2)
            }
        }
        let list: RecipientList
        do {
            list = try job.run()
        } catch {
            Terminal.printDiagnostics([error.diagnostic])
            throw ExitCode(2)
        }
        let text = list.csvText()
        if let file {
            var out = BufferedOutput(descriptor: file.descriptor)
            out.write(text)
            out.flush()
            do {
                try file.commit(after: out.failure)
            } catch {
                Terminal.printError(error.message)
                throw ExitCode(2)
            }
        } else {
            print(text, terminator: "")
        }
        if json {
            Terminal.printJSON(ImportSummary(list: list), toStandardError: true)
        } else {
            Terminal.printDiagnostics(list.diagnostics)
            Terminal.printNote(ImportSummary(list: list).text)
        }
        if list.diagnostics.containsErrors { throw ExitCode(1) }
    }
}

/// What an import did, for people and for programs.
struct ImportSummary: Encodable {
    var source: String
    var recipients: Int
    var report: RecipientListReport
    var reach: [Reach]
    var diagnostics: [Diagnostic]

    init(list: RecipientList) {
        source = list.path
        recipients = list.recipients.count
        report = list.report
        reach = [Channel.twitter, .mastodon, .bluesky].map(list.reach(on:)).filter { $0.reachable > 0 }
        diagnostics = list.diagnostics
    }

    var text: String {
        var lines = ["\(recipients) recipients from \(report.recordsRead) records: \(report.rejectedRecords) records rejected, \(report.repairedHandles) handles repaired, \(report.rejectedHandles) handles rejected"]
        lines += reach.map(\.description)
        return lines.joined(separator: "\n")
    }
}
