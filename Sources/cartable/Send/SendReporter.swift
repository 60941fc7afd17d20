import Cartable
import Foundation

/// What `cartable send` shows while it runs: a progress line redrawn on a terminal (standard error), or one JSON
/// object per event on standard output with `--format jsonl`. Notable events (pauses, dead messages, stops) are
/// printed as lines on standard error in text mode.
final class SendReporter: @unchecked Sendable {
    enum Style {
        case text
        case jsonl
    }

    private let style: Style
    private let isTerminal: Bool
    // Guards the fields below: events arrive from the dispatcher's task, stops from the signal queue.
    private let lock = NSLock()
    private var lastLine = ""
    private var deadShown = 0
    private var lastJSONProgress = Date.distantPast
    private let encoder: JSONEncoder

    static let deadLinesShown = 20

    /// Whether notable events are printed as notes on standard error in text mode (not when a log says them).
    private let notes: Bool

    init(style: Style, isTerminal: Bool, notes: Bool = true) {
        self.style = style
        self.isTerminal = isTerminal
        self.notes = notes
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
    }

    func handle(_ event: DispatchEvent) {
        lock.withLock {
            switch style {
            case .jsonl: writeJSON(event)
            case .text: writeText(event)
            }
        }
    }

    /// Ends the progress line so that what follows starts on a fresh line.
    func finish() {
        lock.withLock {
            if isTerminal, style == .text, !lastLine.isEmpty {
                FileHandleOutput.standardError("\n")
                lastLine = ""
            }
        }
    }

    func note(_ text: String) {
        lock.withLock { noteLocked(text) }
    }

    private func noteLocked(_ text: String) {
        guard notes else { return }
        if isTerminal, !lastLine.isEmpty { FileHandleOutput.standardError("\r\u{1B}[2K") }
        FileHandleOutput.standardError(TerminalText.escaped(text) + "\n")
        if isTerminal, !lastLine.isEmpty { FileHandleOutput.standardError(lastLine) }
    }

    private func writeText(_ event: DispatchEvent) {
        switch event {
        case .progress(let progress):
            guard isTerminal else { return }
            lastLine = Self.progressLine(progress)
            FileHandleOutput.standardError("\r\u{1B}[2K" + lastLine)
        case .dead(let outcome, let reason):
            deadShown += 1
            if deadShown <= Self.deadLinesShown {
                noteLocked("dead: #\(outcome.id) \(outcome.idempotencyKey): \(reason)")
            } else if deadShown == Self.deadLinesShown + 1 {
                noteLocked("dead: more messages died; `cartable status` lists the errors")
            }
        case .paused(let account, let until, let reason):
            noteLocked("\(account): rate limited, paused until \(Self.time(until)) (\(reason))")
        case .recovered(let count):
            noteLocked("recovered \(count) message\(count == 1 ? "" : "s") left in flight by a stopped sender (same idempotency keys)")
        case .windowEnded(let campaign, let count):
            noteLocked("\(campaign): sending window over; \(count) waiting message\(count == 1 ? "" : "s") marked dead")
        case .waitingForHours(let campaign, let until):
            noteLocked("\(campaign): outside its sending hours; next opening \(Self.time(until))")
        case .stopping(let inFlight, let interrupted):
            let requests = "\(inFlight) request\(inFlight == 1 ? "" : "s") in flight"
            noteLocked(interrupted
                ? "stopping: finishing \(requests) (Ctrl-C again to quit at once)"
                : "stopping on an outbox error (below): finishing \(requests), starting nothing new")
        case .outboxUnavailable(let location, let error):
            noteLocked("\(location): the outbox is out of reach (\(error)); finishing the requests in flight, starting nothing new, reconnecting with backoff")
        case .outboxReconnected(let location, let after, let released):
            let releasedText = released == 0 ? "" : "; \(released) message\(released == 1 ? "" : "s") claimed as it went down released to the queue"
            noteLocked("\(location): the outbox is back after \(String(format: "%.1f", after)) s; sending again\(releasedText)")
        case .sent, .retrying, .claimed:
            break
        }
    }

    static func progressLine(_ progress: DispatchProgress) -> String {
        var parts = [
            "sent \(progress.sent)", "retrying \(progress.retried)", "dead \(progress.dead)", "remaining \(progress.remaining)",
            String(format: "%.1f/s", progress.rate),
        ]
        if let left = progress.estimatedSecondsLeft, progress.remaining > 0 {
            parts.append("ETA \(duration(left))")
        }
        return parts.joined(separator: " · ")
    }

    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded(.up))
        return total >= 3600 ? String(format: "%d:%02d:%02d", total / 3600, total / 60 % 60, total % 60)
            : String(format: "%d:%02d", total / 60, total % 60)
    }

    static func time(_ date: Date) -> String {
        ISO8601DateFormatter.string(from: date, timeZone: .current, formatOptions: [.withInternetDateTime])
    }

    private struct EventLine: Encodable {
        var event: String
        var time = Date()
        var id: Int64?
        var idempotencyKey: String?
        var campaign: String?
        var recipient: String?
        var channel: String?
        var attempt: Int?
        var postID: String?
        var postURL: String?
        var duplicate: Bool?
        var retryAt: Date?
        var error: String?
        var account: String?
        var until: Date?
        var count: Int?
        var sent: Int?
        var duplicates: Int?
        var retried: Int?
        var dead: Int?
        var remaining: Int?
        var inFlight: Int?
        var interrupted: Bool?
        var rate: Double?
        var outbox: String?
        var seconds: Double?
        var released: Int?

        init(event: String, _ outcome: DispatchEvent.MessageOutcome? = nil) {
            self.event = event
            if let outcome {
                id = outcome.id
                idempotencyKey = outcome.idempotencyKey
                campaign = outcome.campaignID
                recipient = outcome.recipientID
                channel = outcome.channel
                attempt = outcome.attempt
            }
        }
    }

    private func writeJSON(_ event: DispatchEvent) {
        var line: EventLine
        switch event {
        case .sent(let outcome, let postID, let postURL, let duplicate):
            line = EventLine(event: "sent", outcome)
            line.postID = postID
            line.postURL = postURL
            line.duplicate = duplicate
        case .retrying(let outcome, let at, let error):
            line = EventLine(event: "retrying", outcome)
            line.retryAt = at
            line.error = error
        case .dead(let outcome, let reason):
            line = EventLine(event: "dead", outcome)
            line.error = reason
        case .paused(let account, let until, let reason):
            line = EventLine(event: "paused")
            line.account = account
            line.until = until
            line.error = reason
        case .recovered(let count):
            line = EventLine(event: "recovered")
            line.count = count
        case .windowEnded(let campaign, let count):
            line = EventLine(event: "window-ended")
            line.campaign = campaign
            line.count = count
        case .waitingForHours(let campaign, let until):
            line = EventLine(event: "waiting-for-hours")
            line.campaign = campaign
            line.until = until
        case .stopping(let inFlight, let interrupted):
            line = EventLine(event: "stopping")
            line.inFlight = inFlight
            line.interrupted = interrupted
        case .outboxUnavailable(let location, let error):
            line = EventLine(event: "outbox-unavailable")
            line.outbox = location
            line.error = error
        case .outboxReconnected(let location, let after, let released):
            line = EventLine(event: "outbox-reconnected")
            line.outbox = location
            line.seconds = (after * 10).rounded() / 10
            line.released = released
        case .claimed:
            // Claims are measured (the metrics' claim latency), not reported.
            return
        case .progress(let progress):
            // One progress line a second is plenty for a machine reader.
            let now = Date()
            guard now.timeIntervalSince(lastJSONProgress) >= 1 else { return }
            lastJSONProgress = now
            line = Self.progressEvent(progress, name: "progress")
        }
        writeJSONLine(line)
    }

    private static func progressEvent(_ progress: DispatchProgress, name: String) -> EventLine {
        var line = EventLine(event: name)
        line.sent = progress.sent
        line.duplicates = progress.duplicates
        line.retried = progress.retried
        line.dead = progress.dead
        line.remaining = progress.remaining
        line.inFlight = progress.inFlight
        line.rate = (progress.rate * 10).rounded() / 10
        return line
    }

    private func writeJSONLine(_ line: EventLine) {
        guard let data = try? encoder.encode(line) else { return }
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }

    /// The closing summary: a JSON `finished` event, or nothing (text mode prints its own summary).
    func finished(_ progress: DispatchProgress, interrupted: Bool) {
        guard style == .jsonl else { return }
        lock.withLock {
            writeJSONLine(Self.progressEvent(progress, name: interrupted ? "interrupted" : "finished"))
        }
    }
}
