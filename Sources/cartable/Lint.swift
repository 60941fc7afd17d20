import ArgumentParser
import Cartable
import Foundation

/// `cartable lint`: check a campaign, its recipients and every message it would send.
struct Lint: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check a campaign file, its recipients and every message it would send.",
        discussion: """
            Reports, compiler style (path:line:column: error: ...), every problem: YAML syntax, unknown keys, \
            wrong types, missing keys, unknown placeholders, a missing recipient file, targets that select no one, \
            recipients without a handle on the channel, and messages over the length limit (who, by how much). \
            The format is in docs/campaign-format.md.

            Exit status: 0 clean (warnings allowed), 1 problems found, 2 the campaign file cannot be read.
            """
    )

    @Argument(help: "The campaign file (YAML).")
    var campaign: String

    @Option(name: .long, help: "Output format: text or json.")
    var format: LintFormat = .text

    @Flag(name: .long, help: "Also list every target without a handle on the channel.")
    var verbose = false

    @OptionGroup var campaignAccess: CampaignAccessOptions

    enum LintFormat: String, ExpressibleByArgument, CaseIterable {
        case text
        case json
    }

    func run() async throws {
        var report = CampaignLint.run(contentsOf: URL(fileURLWithPath: campaign), displayPath: campaign, access: campaignAccess.access)
        report.diagnostics = report.diagnostics.map(\.withCommandHint)
        switch format {
        case .json:
            Terminal.printJSON(LintOutput(report: report))
        case .text:
            let colors = Terminal.colors(onStandardOutput: true)
            for diagnostic in report.diagnostics {
                print(diagnostic.rendered(colors: colors))
            }
            if verbose {
                for recipient in report.unreachable {
                    print(Diagnostic(.note, file: campaign, message: "no \(report.reach?.channel.rawValue ?? "") handle: \(recipient.name) (\(recipient.id))").rendered(colors: colors))
                }
            }
            for variant in report.variants {
                let longest = variant.longestFor.map { " (\($0.name))" } ?? ""
                Terminal.printText("  variant '\(variant.id)': \(variant.recipients) recipients, longest \(variant.longest)/\(variant.maxLength)\(longest)")
            }
            print(LintOutput(report: report).summary)
        }
        if report.exitCode != 0 { throw ExitCode(report.exitCode) }
    }
}

/// The JSON shape of a lint report, with its counts and exit status.
struct LintOutput: Encodable {
    var report: CampaignLint.Report
    var errors: Int
    var warnings: Int
    var exitCode: Int32

    init(report: CampaignLint.Report) {
        self.report = report
        errors = report.diagnostics.errors.count
        warnings = report.diagnostics.warnings.count
        exitCode = report.exitCode
    }

    var summary: String {
        var parts: [String] = []
        if let reach = report.reach {
            parts.append("\(report.targets) targets: \(reach.reachable) reachable on \(reach.channel.rawValue), \(reach.withoutHandle) without a handle\(report.unreachableSkipped ? " (skipped)" : "")")
            parts.append("\(report.messagesChecked) messages checked on \(report.profile ?? "?"), \(report.messagesOverLimit) over the limit"
                         + (report.messagesFitted > 0 ? ", \(report.messagesFitted) fitted by another variant or without optional parts" : ""))
        }
        parts.append("\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
        return "\(report.campaign): " + parts.joined(separator: "; ")
    }
}
