import Cartable

/// The message a supporter sees for a deputy: the library's ``MessageDraft`` (the composer and variant choice of
/// `cartable write`) moved on to the wording the supporter asked for.
enum DeputyMessage {
    /// The draft of `supporter` for `recipient`, at `turn` (0 is the first wording; "another wording" adds one, and
    /// after the last comes the first again).
    static func draft(_ served: ServedCampaign, for recipient: Recipient, supporter: SupporterID, mastodonInstance: MastodonInstance?,
                      turn: Int) -> MessageDraft {
        var draft = MessageDraft(composer: served.composer, recipient: recipient, batchRank: served.batchRank(of: recipient),
                                 supporter: supporter, mastodonInstance: mastodonInstance)
        if draft.variantCount > 1 {
            for _ in 0..<(max(turn, 0) % draft.variantCount) { draft.nextVariant() }
        }
        return draft
    }

    /// A turn from a query or form field: a small non-negative number, else 0.
    static func turn(_ written: String?) -> Int {
        guard let written, let value = Int(written), value >= 0, value < 10_000 else { return 0 }
        return value
    }
}
