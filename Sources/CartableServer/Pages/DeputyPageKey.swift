import Cartable

/// What the deputy's page's content depends on, beside the served campaign: the key its content is kept by
/// (``ServedCampaign/deputyPages``) for the next supporter shown the same. The campaign's wording is composed once per
/// deputy and wording (``Composer/remembering()``), and the page around it (some thirty phrases, the gauge, the link
/// to post it, the forms, the message escaped twice) depends only on what the key holds. A page that depends on the
/// visitor (their own edit, their Mastodon instance) is not kept (``DeputyPage``).
struct DeputyPageKey: Hashable, Sendable {
    var language: Language
    var embed: Bool
    var deputy: String
    /// The turn asked for (the forms and the "another wording" link carry it on).
    var turn: Int
    /// The wording shown, from 0 (``MessageDraft/turn``).
    var shown: Int
    /// The message: the draft's text settles its measurement, its link and its problems.
    var text: String

    // The text hashed and compared by its UTF-8 bytes: `String`'s own hashing normalizes a French message's
    // accents on every lookup, and the same wording is always the same bytes.
    func hash(into hasher: inout Hasher) {
        hasher.combine(language)
        hasher.combine(embed)
        hasher.combine(deputy)
        hasher.combine(turn)
        hasher.combine(shown)
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    static func == (left: DeputyPageKey, right: DeputyPageKey) -> Bool {
        left.language == right.language && left.embed == right.embed && left.deputy == right.deputy
            && left.turn == right.turn && left.shown == right.shown && left.text.utf8.elementsEqual(right.text.utf8)
    }
}
