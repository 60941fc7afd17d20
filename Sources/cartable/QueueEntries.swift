import Cartable
import Foundation

/// A campaign's batch as `queue` hands it to the outbox: each valid message's ``OutboxEntry``, composed only when the
/// outbox asks for it, a few thousand at most ahead of the insertions (``ReadAhead``, on other threads), so that memory
/// stays flat whatever the size of the list.
///
/// Walking it reports each message with a problem on standard error as it is reached (that message is not queued)
/// and counts those and the targets the channel cannot reach, for `queue`'s summary.
final class QueueEntries<Recipients: Sequence<Recipient>>: Sequence, IteratorProtocol {
    /// Messages with a problem so far: reported, not queued.
    private(set) var problems = 0
    /// Targets without a handle on the campaign's channel so far.
    private(set) var unreachable = 0

    /// Read on one thread, composed and made into entries on another while this one inserts into the outbox; walked
    /// to the end (the outbox takes every entry, or ``drain()`` does), so both threads are done when `next()` has
    /// returned `nil`.
    private let batch: ReadAhead<Item>
    private let campaign: Campaign
    private let colors = Terminal.colorsOnStandardError

    /// What the composing thread hands over for each target.
    private enum Item: Sendable {
        case entry(OutboxEntry)
        case problem(Message)
        case unreachable
    }

    /// The entries of `composer`'s batch over `recipients`, to be sent `via` a channel.
    init(_ composer: Composer, recipients: Recipients, via: ChannelDescriptor) {
        let campaign = composer.campaign
        self.campaign = campaign
        batch = ReadAhead(CampaignBatch(composer, recipients: ReadAhead(recipients)).lazy.map { item -> Item in
            switch item {
            case .unreachable: .unreachable
            case .message(let message) where !message.isValid: .problem(message)
            case .message(let message): .entry(OutboxEntry(message, campaign: campaign, via: via))
            }
        })
    }

    /// The next valid message's entry, or `nil` after the last recipient.
    func next() -> OutboxEntry? {
        while let item = batch.next() {
            switch consume item {
            case .unreachable:
                unreachable += 1
            case .problem(let message):
                problems += 1
                let reasons = message.problems.map(\.description).joined(separator: "; ")
                Terminal.printToStandardError(Diagnostic(
                    .error, at: campaign.locations.templates ?? campaign.locations.file,
                    message: "not queued: \(message.recipient.name) (\(message.recipient.id)): \(reasons)").rendered(colors: colors))
            case .entry(let entry):
                return entry
            }
        }
        return nil
    }

    /// Walks what is left, reporting its problems without queueing anything (the outbox could not be opened).
    func drain() {
        while next() != nil {}
    }
}
