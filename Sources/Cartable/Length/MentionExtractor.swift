

/// Finds `@mentions`, `@name/list` references and replies as twitter-text does (Java reference).
///
/// A mention is one or more `@`/`＠`, then 1 to 20 of `[A-Za-z0-9_]` (a longer name is cut at 20),
/// then optionally `/` and a list slug `[A-Za-z][A-Za-z0-9_-]{0,24}`. It must follow the start of
/// the text, `RT`/`RT:` in any case, or a character other than an ASCII letter or digit,
/// `_ ! # $ % & * @ ＠`. It is dropped when `@`, `＠`, a Latin-accented letter or `://` follows it.
/// Indices are UTF-16 offsets of the text as given (no normalization).
public enum MentionExtractor {
    /// The mentions of `text`, in order; `@name/list` references are left out entirely.
    public static func extractMentions(from text: String) -> [ExtractedMention] {
        extractMentionsOrLists(from: text).filter { $0.listSlug.isEmpty }
    }

    /// The mentions and list references of `text`, in order.
    public static func extractMentionsOrLists(from text: String) -> [ExtractedMention] {
        let units = Array(text.utf16)
        guard units.contains(where: MentionSyntax.isAtSign) else { return [] }
        var mentions: [ExtractedMention] = []
        // Upstream is a regex scanned left to right: a match consumes the character before its
        // `@`, so the next match can only use a preceding character from `matchEnd` on.
        var matchEnd = 0
        var position = 0
        while position < units.count {
            guard MentionSyntax.isAtSign(units[position]) else {
                position += 1
                continue
            }
            let atRunStart = position
            var nameStart = position
            while nameStart < units.count, MentionSyntax.isAtSign(units[nameStart]) { nameStart += 1 }
            let nameEnd = MentionSyntax.screenNameEnd(in: units, from: nameStart)
            guard nameEnd > nameStart,
                MentionSyntax.mayStartMention(in: units, atSignsAt: atRunStart, searchFrom: matchEnd)
            else {
                position = nameStart
                continue
            }
            let slugEnd = MentionSyntax.listSlugEnd(in: units, from: nameEnd)
            matchEnd = slugEnd
            position = slugEnd
            if !MentionSyntax.isInvalidMentionEnd(in: units, at: slugEnd) {
                mentions.append(
                    ExtractedMention(
                        screenName: String(decoding: units[nameStart..<nameEnd], as: UTF16.self),
                        listSlug: String(decoding: units[nameEnd..<slugEnd], as: UTF16.self),
                        range: (nameStart - 1)..<slugEnd
                    )
                )
            }
        }
        return mentions
    }

    /// The screen name a text replies to: a mention at its very start, after optional spaces;
    /// nil when the text is not a reply.
    ///
    /// As upstream, the only directional marks skipped are the whole run of all twelve of them in
    /// upstream's order (its regex concatenates them), so `"\u{200E}@name"` is not a reply.
    public static func extractReplyScreenName(from text: String) -> String? {
        let units = Array(text.utf16)
        let position = MentionSyntax.replyPrefixEnd(in: units)
        guard position < units.count, MentionSyntax.isAtSign(units[position]) else { return nil }
        let nameStart = position + 1
        let nameEnd = MentionSyntax.screenNameEnd(in: units, from: nameStart)
        guard nameEnd > nameStart, !MentionSyntax.isInvalidMentionEnd(in: units, at: nameEnd) else { return nil }
        return String(decoding: units[nameStart..<nameEnd], as: UTF16.self)
    }
}
