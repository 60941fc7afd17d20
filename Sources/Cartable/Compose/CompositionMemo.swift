/// The messages a composer made so far, kept for the next supporter who is shown the same wording to the same
/// recipient: a recipient's message depends on the recipient and the variant the rotation picks, never on who
/// writes, except for its idempotency key and the intent link's instance, which ``Composer`` sets again for each
/// supporter. A server keeps one per campaign (``Composer/remembering()``); a batch keeps none.
///
/// At most one message per (recipient, variant) of the campaign, so it never holds more than the campaign's targets
/// times its variants.
final class CompositionMemo: Sendable {
    private struct Key: Hashable {
        var recipientID: String
        var variant: Int
    }

    private let messages = Locked<[Key: Message]>([:])

    /// The message kept for `recipient` (this very recipient, not only its id) and the variant at `variant`.
    func message(for recipient: Recipient, variant: Int) -> Message? {
        guard let kept = messages.withLock({ $0[Key(recipientID: recipient.id, variant: variant)] }), kept.recipient == recipient else {
            return nil
        }
        return kept
    }

    /// Keeps `message`, composed for its recipient from the variant at `variant`.
    func keep(_ message: Message, variant: Int) {
        messages.withLock { $0[Key(recipientID: message.recipient.id, variant: variant)] = message }
    }
}
