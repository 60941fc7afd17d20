import Cartable
import Foundation

/// "Send it through the campaign's account": the campaign's own wording for a deputy, queued in the outbox and sent
/// at once by the library's ``SendNow`` (the use case of `cartable write --via`), once per supporter and deputy.
struct CampaignSending: Sendable {
    /// What became of the request.
    enum Outcome: Sendable {
        /// The supporter had already written to this deputy (on any channel): nothing more was sent; the earlier row.
        case alreadyWritten(OutboxMessage)
        /// Queued and, unless the hours or a cap hold it, sent: what ``SendNow`` did.
        case sendNow(SendNow.Outcome)
    }

    let served: ServedCampaign
    let sender: any MessageSender
    let outbox: any Outbox
    /// This server, as the holder of the row's lease while it is sent.
    let owner: LeaseOwner

    /// Sends `draft`, which must be the campaign's wording (never an edit: the caller recomposes it from the turn).
    func send(_ draft: MessageDraft) async throws -> Outcome {
        precondition(!draft.isEdited, "only the campaign's own wordings go through its account")
        if let earlier = try await SupporterHistory.earlierMessage(draft.message, via: .sender(sender.channel), in: outbox) {
            return .alreadyWritten(earlier)
        }
        let result = try await SendNow(outbox: outbox, sender: sender, owner: owner).send(draft.message, of: served.campaign)
        if case .alreadyQueued(let earlier) = result.outcome { return .alreadyWritten(earlier) }
        return .sendNow(result.outcome)
    }
}
