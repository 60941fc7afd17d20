import Cartable

/// The deputy's page's content, kept for the next supporter who asks for the same: the campaign's wording is composed
/// once per deputy and wording (``Composer/remembering()``), and the page around it (some thirty phrases, the gauge,
/// the link to post it, the forms, the message escaped twice) depends only on what the key holds, so it is made once
/// too. A page that depends on the visitor (their own edit, their Mastodon instance) is not kept (``DeputyPage``).
///
/// At most ``limit`` pages are kept (a turn is any number up to 10,000 in the address): when full, the cache is
/// emptied and filled again by the next visits.
final class DeputyPageCache: Sendable {
    /// What the content depends on, beside the served campaign.
    struct Key: Hashable {
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

        static func == (left: Key, right: Key) -> Bool {
            left.language == right.language && left.embed == right.embed && left.deputy == right.deputy
                && left.turn == right.turn && left.shown == right.shown && left.text.utf8.elementsEqual(right.text.utf8)
        }
    }

    /// How many pages are kept at most (about 6 KB each).
    static let limit = 2_000

    private let entries = Locked<[Key: HTML]>([:])

    /// The content for `key`: kept, or made by `make` and kept.
    func body(_ key: Key, make: () -> HTML) -> HTML {
        if let kept = entries.withLock({ $0[key] }) { return kept }
        let body = make()
        entries.withLock { entries in
            if entries.count >= Self.limit { entries.removeAll(keepingCapacity: true) }
            entries[key] = body
        }
        return body
    }
}
