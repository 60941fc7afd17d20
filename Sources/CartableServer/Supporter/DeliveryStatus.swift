import Cartable
import Foundation

/// What became of a supporter's message sent through the campaign, in a sentence of the page's language, from its
/// outbox row.
enum DeliveryStatus {
    /// A sentence about `row`, the message to `name`.
    static func describe(_ row: OutboxMessage, to name: String, in language: Language, now: Date = Date()) -> String {
        switch row.state {
        case .sent:
            language.text(.sentAt, name, language.moment(row.sentAt ?? row.updatedAt))
        case .queued where row.nextAttemptAt <= now:
            // Due now: the server's sender takes it in a moment.
            language.text(.queuedNow, name)
        case .queued:
            language.text(.queuedUntil, name, language.moment(row.nextAttemptAt))
        case .retrying:
            language.text(.failedRetry, name, row.lastError ?? "?", language.moment(row.nextAttemptAt))
        case .sending:
            language.text(.sendingNow, name)
        case .dead:
            language.text(.failedDead, name, row.lastError ?? "?")
        case .cancelled:
            language.text(.cancelled, name)
        }
    }
}
