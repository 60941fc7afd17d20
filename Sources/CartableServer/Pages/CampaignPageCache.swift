import Cartable

/// The campaign page's content, made once per language and frame and kept while the satchel line it shows stays the
/// same: the page is the same for every supporter (their own id, language choice and Mastodon instance live in the
/// cookies and the frame around it, not in this part), so a visit does not make it again. The satchel's counts are
/// the ``SatchelCache``'s: when they change, the next visit makes the content again with the new ones.
final class CampaignPageCache: Sendable {
    private struct Key: Hashable {
        var language: Language
        var embed: Bool
    }

    /// What the satchel line shows.
    private struct Figures: Equatable {
        var messages: Int
        var reached: Int
        var targets: Int
    }

    private struct Entry {
        /// The counts the satchel line was made with.
        var figures: Figures
        var body: HTML
    }

    private let entries = Locked<[Key: Entry]>([:])

    /// The content for `language` (embedded or not) showing `satchel`: kept, or made by `make` and kept.
    func body(language: Language, embed: Bool, satchel: Satchel, make: () -> HTML) -> HTML {
        let key = Key(language: language, embed: embed)
        let figures = Figures(messages: satchel.messages, reached: satchel.reached, targets: satchel.targets)
        if let kept = entries.withLock({ $0[key] }), kept.figures == figures { return kept.body }
        let body = make()
        entries.withLock { $0[key] = Entry(figures: figures, body: body) }
        return body
    }
}
