/// The table shape of a preview, for people at a terminal: a block per message (mark, length against the limit
/// with a gauge, variant, recipient; then the text; then each problem), and a summary at the end.
///
/// With `colors` (the CLI passes it only for a terminal without `NO_COLOR`), the gauge and marks are green,
/// yellow near the limit and red over it; without, the same characters are written plain. Every text from the
/// campaign or its list goes through ``TerminalText``.
public struct PreviewTable: Sendable {
    private let colors: Bool
    private let variantWidth: Int

    /// A table for `campaign`'s messages.
    public init(campaign: Campaign, colors: Bool) {
        self.colors = colors
        variantWidth = min(24, campaign.templates.map(\.id.count).max() ?? 0)
    }

    /// The lines for one message, each ending with a line break.
    public func row(for message: Message) -> String {
        let measurement = message.measurement
        let color = message.isValid ? (measurement.permillage > 900 ? Style.yellow : Style.green) : Style.red
        let mark = message.isValid ? "✓" : "✗"
        let length = "\(measurement.weightedLength)/\(measurement.maxLength)"
        let variant = TerminalText.escaped(message.variantID ?? "—")
        let recipient = message.recipient
        var who = recipient.name
        if let handle = recipient.mention(on: message.channel) { who += " (\(handle))" }
        let place = [recipient.group, recipient.department].compactMap { $0 }.joined(separator: " · ")
        if !place.isEmpty { who += " · " + place }
        who = TerminalText.escaped(who, keepingLineBreaks: false)
        var lines = [
            paint(mark, color) + " " + pad(length, 7, leading: true) + " " + paint(Self.gauge(measurement), color) + " "
                + paint(pad(variant, variantWidth), Style.bold) + "  " + who,
        ]
        let text = message.text.isEmpty ? paint("(no text)", Style.dim) : message.text
        lines += text.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + TerminalText.escaped(String($0)) }
        if !message.fitting.isAsChosen, let chosen = message.fitting.chosenVariantID {
            var how: [String] = []
            if message.fitting.usedFallback { how.append("'\(chosen)' did not fit, '\(variant)' does") }
            if message.fitting.droppedOptionalParts > 0 {
                how.append("\(message.fitting.droppedOptionalParts) optional part\(message.fitting.droppedOptionalParts == 1 ? "" : "s") left out")
            }
            lines.append("    " + paint("↺ " + TerminalText.escaped(how.joined(separator: "; ")), Style.dim))
        }
        for problem in message.problems {
            lines.append("    " + paint("✗ " + TerminalText.escaped(problem.description), Style.red))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The summary block, ending with a line break; `validLeftOut` valid messages were not shown (see
    /// ``PreviewRenderer/validMessagesShown``).
    public func summary(_ summary: PreviewSummary, validLeftOut: Int = 0) -> String {
        let lengths = summary.lengths
        var lines = ["", paint(TerminalText.escaped("\(summary.campaignID) — \(summary.title)", keepingLineBreaks: false), Style.bold)]
        func line(_ label: String, _ value: String) { lines.append("  " + pad(label, 19) + value) }
        line("channel", "\(summary.channel.displayName), counted as \(summary.profile) (limit \(lengths.maxLength))")
        var problems = "\(summary.tooLong) too long, \(summary.invalid) invalid"
        if summary.withoutVariant > 0 { problems += ", \(summary.withoutVariant) without a variant" }
        line("messages", "\(summary.messages): " + paint("\(summary.valid) valid", summary.problems == 0 ? Style.green : Style.plain)
             + ", " + paint(problems, summary.problems > 0 ? Style.red : Style.plain))
        line("recipients reached", "\(summary.reached) of \(summary.targets) targets")
        if summary.unreachable > 0 {
            var unreachable = "\(summary.unreachable) without a \(summary.channel.rawValue) handle"
            if summary.unreachableSkipped {
                unreachable += " (left out by skip_unreachable)"
            } else {
                let names = TerminalText.escaped(summary.unreachableExamples.prefix(5).map(\.name).joined(separator: ", "), keepingLineBreaks: false)
                unreachable += ": \(names)\(summary.unreachable > 5 ? ", …" : "")"
            }
            line("unreachable", unreachable)
        } else {
            line("unreachable", "0")
        }
        if summary.fitted > 0 { line("fitted", "\(summary.fitted) fit only with another variant or without optional parts") }
        line("variants", TerminalText.escaped(summary.variantCounts.map { "\($0.id) \($0.count)" }.joined(separator: ", ")))
        if let minimum = lengths.minimum, let median = lengths.median, let maximum = lengths.maximum {
            line("lengths", "min \(minimum), median \(median), max \(maximum) (limit \(lengths.maxLength))")
            let histogram = lengths.histogram
            let largest = histogram.map(\.count).max() ?? 1
            let first = histogram.firstIndex { $0.count > 0 } ?? 0
            let last = histogram.lastIndex { $0.count > 0 } ?? histogram.count - 1
            for bucket in histogram[first...last] {
                let label = bucket.isOverLimit ? "over \(lengths.maxLength)" : "\(bucket.lower)–\(bucket.upper)"
                let bar = String(repeating: "█", count: bucket.count == 0 ? 0 : max(1, bucket.count * 30 / max(1, largest)))
                lines.append("    " + pad(label, 10, leading: true) + " " + paint(bar, bucket.isOverLimit ? Style.red : Style.green) + " \(bucket.count)")
            }
        }
        if validLeftOut > 0 { lines.append(paint("  " + PreviewRenderer.leftOutNote(validLeftOut), Style.dim)) }
        if summary.stoppedAtLimit { lines.append(paint("  (stopped after the number of messages asked for: the rest of the batch was not looked at)", Style.dim)) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Ten cells, filled in proportion to the length against the limit (any length fills at least one).
    static func gauge(_ measurement: Measurement) -> String {
        let cells = 10
        let limit = max(1, measurement.maxLength)
        let filled = min(cells, (measurement.weightedLength * cells + limit - 1) / limit)
        return String(repeating: "█", count: filled) + String(repeating: "░", count: cells - filled)
    }

    private enum Style: String {
        case plain = ""
        case bold = "\u{1B}[1m"
        case dim = "\u{1B}[2m"
        case red = "\u{1B}[31m"
        case green = "\u{1B}[32m"
        case yellow = "\u{1B}[33m"
    }

    private func paint(_ text: String, _ style: Style) -> String {
        guard colors, style != .plain, !text.isEmpty else { return text }
        return style.rawValue + text + "\u{1B}[0m"
    }

    private func pad(_ text: String, _ width: Int, leading: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - text.count))
        return leading ? padding + text : text + padding
    }
}
