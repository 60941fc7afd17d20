import ArgumentParser
import Cartable
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `cartable preview`: the dry run of a batch, every message composed, measured and shown before anything is sent.
struct Preview: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Show every message a campaign would send, measured against the limit, without sending anything.",
        discussion: """
            Composes the whole batch as a send would (one variant per recipient, fitted to the limit) and writes it \
            as a table (the default on a terminal), json, jsonl (the default otherwise), csv or a self-contained \
            html report. jsonl, csv, json and table are written as the batch is composed, so a list of millions \
            of recipients previews in flat memory. See docs/preview.md.

            --group and --department show a subset; the batch is still composed whole, so each message is the one \
            the whole batch gives. Mastodon "post it" links need your instance: --mastodon-instance or \
            CARTABLE_MASTODON_URL.

            Exit status: 0 every message shown can be sent as it is, 1 some message has a problem (too long, \
            invalid, no variant) or the campaign or its list has errors, 2 bad usage or unreadable input.
            """
    )

    @Argument(help: "The campaign file (YAML).")
    var campaign: String

    @Option(name: .long, help: "Output format: table, json, jsonl, csv or html (default: table on a terminal, else from -o's extension, else jsonl).")
    var format: PreviewFormat?

    @Option(name: [.short, .long], help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Flag(name: .long, help: "Show only the messages with a problem (the summary still counts them all).")
    var onlyProblems = false

    @Option(name: .long, help: ArgumentHelp("Stop after this many messages shown.", valueName: "n"))
    var limit: Int?

    @Option(name: .long, help: ArgumentHelp("Show only this parliamentary group's recipients (repeatable).", valueName: "code"))
    var group: [String] = []

    @Option(name: .long, help: ArgumentHelp("Show only this department's recipients, by code: 91, 2A, 974 (repeatable).", valueName: "code"))
    var department: [String] = []

    @Option(name: .long, help: ArgumentHelp("The Mastodon instance post links open (default: CARTABLE_MASTODON_URL).", valueName: "url"))
    var mastodonInstance: String?

    @Flag(name: .long, help: "Also print the recipient list's warnings.")
    var verbose = false

    @OptionGroup var campaignAccess: CampaignAccessOptions

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
        for code in department where Department.normalizedCode(code) == nil {
            throw ValidationError("'\(code)' is not a department code (01–95, 2A, 2B, 971–988, 99)")
        }
        if let written = mastodonInstanceText, MastodonInstance(written) == nil {
            throw ValidationError("'\(written)' is not a Mastodon instance; write its address, e.g. https://piaille.fr")
        }
        if format == nil, let output, PreviewFormat(fileExtension: (output as NSString).pathExtension) == nil {
            throw ValidationError("cannot tell the format from '\(output)'; add --format table, json, jsonl, csv or html")
        }
    }

    private var mastodonInstanceText: String? {
        mastodonInstance ?? ProcessInfo.processInfo.environment["CARTABLE_MASTODON_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The format asked for, or the one the output file's extension implies, or table on a terminal, else jsonl.
    private var chosenFormat: PreviewFormat {
        if let format { return format }
        if let output { return PreviewFormat(fileExtension: (output as NSString).pathExtension) ?? .jsonl }
        return isatty(STDOUT_FILENO) == 1 ? .table : .jsonl
    }

    func run() async throws {
        let loaded = try CampaignInput.load(campaign, toBe: "previewed", access: campaignAccess.access)
        let recipients = try CampaignInput.recipients(of: loaded)

        let format = chosenFormat
        let file = try openOutput(inputs: loaded)
        var out = BufferedOutput(descriptor: file?.descriptor ?? STDOUT_FILENO)
        let colors = format == .table && output == nil && Terminal.colors(onStandardOutput: true)
        var renderer = PreviewRenderer(format: format, campaign: loaded, colors: colors)
        let options = PreviewOptions(
            filter: RecipientFilter(groups: group, departments: department), onlyProblems: onlyProblems, limit: limit,
            mastodonInstance: mastodonInstanceText.flatMap(MastodonInstance.init))
        let composer = Composer(campaign: loaded, mastodonInstance: options.mastodonInstance)

        out.write(renderer.begin())
        let summary = PreviewRun.run(composer, recipients: recipients, options: options) { message in
            out.write { renderer.add(message, to: &$0) }
        }
        out.write(renderer.end(summary))
        out.flush()
        if let file {
            do {
                try file.commit(after: out.failure)
            } catch {
                Terminal.printError(error.message)
                throw ExitCode(2)
            }
        }

        let listErrors = recipients.diagnostics.errors
        Terminal.printDiagnostics(recipients.diagnostics.filter { verbose || $0.severity == .error })
        if let output {
            Terminal.printNote("\(output): \(summary.messages) messages, \(summary.valid) valid, \(summary.problems) with a problem, \(summary.unreachable) targets unreachable")
        }
        // A batch that sends nothing is a problem, as lint says; a filter that keeps nothing is not.
        var sendsNothing = false
        if summary.messages == 0 {
            if !group.isEmpty || !department.isEmpty {
                Terminal.printNote("no target among the recipients the filters keep")
            } else if summary.targets == 0 {
                Terminal.printError("the targets select no recipient of \(loaded.recipients.displayPath) (cartable lint \(campaign) tells more)")
                sendsNothing = true
            } else {
                Terminal.printError("no target can be reached on \(loaded.channel.rawValue): none has a \(loaded.channel.rawValue) handle")
                sendsNothing = true
            }
        }
        if summary.exitCode != 0 || !listErrors.isEmpty || sendsNothing { throw ExitCode(1) }
    }

    /// The output file, when `-o` names one (refused, exit 2, when it is the campaign or one of its files);
    /// `nil` for standard output.
    private func openOutput(inputs campaign: Campaign) throws -> OutputFile? {
        guard let output else { return nil }
        var inputs = [(path: self.campaign, role: "the campaign file"),
                      (path: campaign.recipients.url.path, role: "the campaign's recipient file")]
        if let overrides = campaign.recipients.overrides { inputs.append((overrides.path, "the campaign's overrides file")) }
        do {
            return try OutputFile(output, inputs: inputs)
        } catch {
            Terminal.printError(error.message)
            throw ExitCode(2)
        }
    }
}

extension PreviewFormat: ExpressibleByArgument {}
