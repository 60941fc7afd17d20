import ArgumentParser
import Cartable
import Foundation

/// `cartable status`: where the outbox's messages are.
struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the outbox: messages per state, who has been reached, variants, the last errors.",
        discussion: """
            The table lists the count per state, the recipients reached and those not yet (the satchel), each \
            variant's sent/total, the most frequent errors of retrying and dead messages, and the message waiting \
            longest (or that it is held by a pause), and the campaigns paused (`cartable pause`) with the messages \
            each holds. --format json gives every recipient, the rows per channel and state, and the current UTC \
            day's supporters and sends per minute (the figures of the organiser's dashboard, docs/dashboard.md).

            Exit status: 0 ok, 2 no outbox or unreadable outbox.
            """
    )

    @Option(name: .long, help: "Output format: table or json.")
    var format: StatusFormat = .table

    @Option(name: .long, help: ArgumentHelp("Only this campaign's messages.", valueName: "id"))
    var campaign: String?

    @Option(name: .long, help: "How many recipients not yet reached to list in the table.")
    var show = 10

    @OptionGroup var outboxOptions: OutboxOptions

    enum StatusFormat: String, ExpressibleByArgument, CaseIterable {
        case table
        case json
    }

    func run() async throws {
        let report = try await outboxOptions.using(.readOnly, doing: "reading the outbox") { outbox in
            try await outbox.report(campaignID: campaign, errorLimit: 10)
        }
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            let data = (try? encoder.encode(report)) ?? Data("{}".utf8)
            print(String(decoding: data, as: UTF8.self))
        case .table:
            Terminal.printText(Self.table(report, path: outboxOptions.shownLocation, show: max(0, show)))
        }
    }

    static func table(_ report: OutboxReport, path: String, show: Int) -> String {
        var lines: [String] = []
        let channels = report.channels.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        lines.append("outbox \(path): \(report.total) message\(report.total == 1 ? "" : "s")\(channels.isEmpty ? "" : " (\(channels))")")
        for paused in report.paused {
            let held = paused.waiting == 0 ? "no message waiting" : "\(paused.waiting) message\(paused.waiting == 1 ? "" : "s") waiting, held"
            lines.append("paused: \(paused.campaignID) since \(SendReporter.time(paused.pausedAt)), \(held) (cartable resume \(paused.campaignID) lets it go)")
        }
        lines.append("")
        let width = OutboxState.allCases.map(\.rawValue.count).max() ?? 9
        for state in OutboxState.allCases {
            lines.append("  \(state.rawValue.padding(toLength: width, withPad: " ", startingAt: 0))  \(String(report.states[state, default: 0]).leftPadded(to: 7))")
        }
        lines.append("")
        let reached = report.recipients.filter(\.isReached)
        let waiting = report.recipients.filter { !$0.isReached }
        lines.append("recipients: \(reached.count) reached, \(waiting.count) not yet (of \(report.recipients.count))")
        for recipient in waiting.prefix(show) {
            var parts: [String] = []
            if recipient.pending > 0 { parts.append("\(recipient.pending) waiting") }
            if recipient.dead > 0 { parts.append("\(recipient.dead) dead") }
            if recipient.cancelled > 0 { parts.append("\(recipient.cancelled) cancelled") }
            lines.append("  not yet: \(recipient.name ?? recipient.recipientID) (\(recipient.recipientID)): \(parts.joined(separator: ", "))")
        }
        if waiting.count > show { lines.append("  … and \(waiting.count - show) more (--format json lists them all)") }
        if !report.variants.isEmpty {
            lines.append("")
            lines.append("variants (sent/total):")
            for variant in report.variants {
                lines.append("  \(variant.variant): \(variant.sent)/\(variant.total)")
            }
        }
        if !report.errors.isEmpty {
            lines.append("")
            lines.append("last errors:")
            for error in report.errors {
                lines.append("  \(String(error.count).leftPadded(to: 5))× \(error.state.rawValue): \(error.error)")
            }
        }
        if let oldest = report.oldestWaiting {
            lines.append("")
            let next = oldest.campaignPaused ? "paused with its campaign" : "next attempt \(SendReporter.time(oldest.nextAttemptAt))"
            lines.append("oldest waiting: #\(oldest.id) \(oldest.idempotencyKey), \(oldest.state.rawValue) since \(SendReporter.time(oldest.queuedAt)), \(next)")
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
