import Cartable
import Foundation

/// "Send it through the campaign's account": the campaign's own wording for a deputy, queued in the outbox once per
/// supporter and deputy, in a transaction shared with the other supporters sending at that moment
/// (``OutboxGroupCommit``). The answer waits until the row is in the file; the site's ``Dispatcher`` posts it
/// afterwards, keeping the campaign's hours, caps and window as `cartable send` does.
struct CampaignSending: Sendable {
    /// What became of the request.
    enum Outcome: Sendable {
        /// The supporter had already written to this deputy (on any channel): nothing more was queued; the earlier row.
        case alreadyWritten(OutboxMessage)
        /// In the outbox, to be posted by the site's sender: at once, or from `opening` when the campaign's sending
        /// hours are closed.
        case queued(opening: Date?)
        /// Not queued: the campaign's sending window is over.
        case windowEnded(reason: String)
    }

    let served: ServedCampaign
    let sender: any MessageSender
    let outbox: any Outbox
    let queue: OutboxGroupCommit
    /// Where the supporters' sends are counted.
    var metrics: CartableMetrics?

    /// Queues `draft`, which must be the campaign's wording (never an edit: the caller recomposes it from the turn).
    func send(_ draft: MessageDraft, now: Date = Date()) async throws -> Outcome {
        let outcome = try await queueing(draft, now: now)
        let result = switch outcome {
        case .alreadyWritten: "already-written"
        case .queued: "queued"
        case .windowEnded: "window-ended"
        }
        metrics?.recordSupporterSend(campaign: served.id, channel: sender.channel.name, result: result)
        return outcome
    }

    private func queueing(_ draft: MessageDraft, now: Date) async throws -> Outcome {
        precondition(!draft.isEdited, "only the campaign's own wordings go through its account")
        if let earlier = try await SupporterHistory.earlierMessage(draft.message, via: .sender(sender.channel), in: outbox) {
            return .alreadyWritten(earlier)
        }
        let campaign = served.campaign
        let channel = sender.channel
        let schedule = SendingSchedule.status(of: campaign, on: channel, at: now)
        if case .ended(let reason) = schedule { return .windowEnded(reason: reason) }
        try await queue.enqueue(OutboxEntry(draft.message, campaign: campaign, via: channel),
                                pacing: CampaignPacing(campaignID: campaign.id, limits: campaign.sending))
        if case .closedUntil(let opening) = schedule { return .queued(opening: opening) }
        return .queued(opening: nil)
    }
}
