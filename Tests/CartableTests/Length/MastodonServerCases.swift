import Testing

/// What a Mastodon server decides for a status text: its countable length and whether it accepts it.
///
/// The truth is the server's Ruby, read in the mastodon/mastodon repository:
/// - `app/models/status.rb` @ bec60f500fe8212d483ee31bd9b3ecd607043c77: `before_validation :prepare_contents`
///   runs `text&.strip!` on a local status; `validates :text, presence: true` refuses a blank one.
/// - `app/validators/status_length_validator.rb` (4.x; no commit recorded: the copies we could read with a
///   commit, a6a94c246caf1a75f97590f875e9ea71e98d25bc and older, predate `countable_text`): `countable_text`
///   rewrites each URL with a scheme (`extract_url_without_protocol: false`) to 23 `x` and each mention to `@user`, after
///   `remove_overlapping_entities`; `countable_length` is `each_grapheme_cluster.size`.
/// - `app/lib/extractor.rb` @ 9120f1276e28ab81b891d6617e1c23a158975184: `extract_mentions_or_lists_with_indices`
///   scans with `Account::MENTION_RE`, drops a match that `end_mention_match` rejects, and one whose domain
///   is longer than `MAX_DOMAIN_LENGTH = 253`.
/// - `app/models/account.rb` (4.x; no commit recorded, see the next line): `MENTION_RE = %r{(?<![=/[:word:]])@((USERNAME_RE)(?:@[[:word:]]+([.-]+[[:word:]]+)*)?)}`,
///   `USERNAME_RE = /[a-z0-9_]+([.-]+[a-z0-9_]+)*/i` (the copy stored at 30ec962d6a7f6c552eb99acf7c708e5f6909b171
///   is an older form of the same regex).
/// - twitter/twitter-text `rb/lib/twitter-text/regex.rb` @ 65e7e00da383fb77f5ab7fe3c0dc26b724e14035:
///   `end_mention_match = /\A(?:[@＠]|[LATIN_ACCENTS]+|:\/\/)/io`.
///
/// Cases marked "spec" are upstream's own: `spec/validators/status_length_validator_spec.rb`
/// @ d5e278df7b41542a955f04b6a10dd8c2ee927a66, `spec/models/account_spec.rb` (`MENTION_RE`)
/// @ 5c5c15467ee842b0f62018aba8cfcc102b29ed53, and the web composer's
/// `app/javascript/mastodon/features/compose/util/counter.test.ts` @ f062d4ba22228705f52a90fd6d38c818ff0293a1
/// (its remote-mention domains; the server agrees except on the Tibetan one, see below). Every length was
/// also checked against that Ruby (MENTION_RE, end_mention_match, strip, `each_grapheme_cluster`) run by hand.
struct MastodonServerCase: Sendable, CustomTestStringConvertible {
    /// The rule the case exercises.
    let rule: Rule
    let text: String
    /// The instance's `max_characters` (`mastodon:N`); 500 by default.
    let limit: Int
    /// The server's countable length.
    let length: Int
    /// Whether the server accepts the status.
    let accepted: Bool

    enum Rule: String, Sendable, CaseIterable {
        case strip = "strip"
        case blank = "blank"
        case longDomain = "domain > 253"
        case mentionEnd = "mention end"
        case wordBefore = "word before @"
        case domainMarks = "domain marks"
        case graphemes = "graphemes"
        case urls = "urls"
    }

    init(_ rule: Rule, _ text: String, limit: Int = 500, length: Int, accepted: Bool) {
        self.rule = rule
        self.text = text
        self.limit = limit
        self.length = length
        self.accepted = accepted
    }

    var profileName: String { limit == 500 ? "mastodon" : "mastodon:\(limit)" }

    var testDescription: String {
        let shown = text.count > 40 ? String(text.prefix(18)) + "…" + String(text.suffix(18)) : text
        return "[\(rule.rawValue)] \(profileName) \(shown.debugDescription) → \(length)\(accepted ? "" : ", refused")"
    }
}

private func a(_ count: Int) -> String { String(repeating: "a", count: count) }
private func b(_ count: Int) -> String { String(repeating: "b", count: count) }

extension MastodonServerCase {
    /// The universal-acceptance domains of the web composer's test (UASG-004, one per script).
    static let composerDomains = [
        "universal-acceptance-test.international", "universal-acceptance-test.icu",
        "تجربة-القبول-الشامل.موريتانيا", "համընդհանուր-ընկալում-թեստ.հայ", "সর্বজনীন-স্বীকৃতির-পরীক্ষা.ভারত",
        "универсальное-принятие-тест.москва", "सार्वभौमिक-स्वीकृति-परीक्षण.संगठन",
        "უნივერსალური-თავსობადობის-ტესტი.გე", "καθολική-αποδοχή-δοκιμή.ευ", "સાર્વત્રિક-સ્વીકૃતિ-પરીક્ષણ.ભારત",
        "ਸਰਵਵਿਆਪਕ-ਪ੍ਰਵਾਨਗੀ-ਪਰਖ.ਭਾਰਤ", "다국어도메인이용환경테스트.한국", "מבחן-קבלה-אוניברסלי.קום",
        "どこでもつかえる.みんな", "ಸಾರ್ವತ್ರಿಕ-ಸ್ವೀಕಾರಾರ್ಹತೆ-ಪರೀಕ್ಷೆ.ಭಾರತ", "ユニバーサルアクセプタンス.クラウド",
        "ສາກົນ-ການຍອມຮັບ-ທົດລອງ.ລາວ", "സാർവത്രിക-സ്വീകാര്യതാ-പരിശോധന.ഭാരതം", "ଯୁନିଭରସାଲ-ଏକସେପ୍ଟନ୍ସ-ଟେଷ୍ଟ.ଭାରତ",
        "විශ්ව-සම්මුති-පිරික්සුම.ලංකා", "பொது-ஏற்பு-சோதனை.சிங்கப்பூர்", "యూనివర్సల్-ఆమోదం-పరీక్ష.భారత్",
        "ยูเอทดสอบ.ไทย", "普遍适用测试.我爱你", "普遍適用測試.台灣", "ሁለንአቀፍ-ተቀባይነት-ሙከራ.com",
        "ការសាកល្បងទទួលយកជាអន្តរជាតិ.com", "အလုံးစုံလက်ခံမှုစမ်းသပ်ချက်.com", "ދުނިޔެ-ގަބޫލުކުރާ-ޓެސްޓު.com",
        "universal-acceptance-test.קום", "épreuve-acceptation-universelle.org",
    ]

    /// Tibetan: the tsheg (U+0F0B) is punctuation, not `[[:word:]]`, so the server's domain stops at the
    /// first syllable and the rest counts. The composer's test expects `@info`; the server counts 26.
    static let tibetanDomain = "ཡོངས་ཁྱབ་ངོས་ལེན་བརྟག་དཔྱད.com"

    static let bengaliDomain = "সর্বজনীন-স্বীকৃতির-পরীক্ষা.ভারত"

    static let all: [MastodonServerCase] = strip + blank + longDomain + mentionEnd + wordBefore + domainMarks
        + graphemes + urls

    static let strip: [MastodonServerCase] = [
        .init(.strip, a(500) + "\n", length: 500, accepted: true),
        .init(.strip, a(500) + " \t\r\n", length: 500, accepted: true),
        .init(.strip, "\n" + a(500), length: 500, accepted: true),
        .init(.strip, "\r\n  " + a(500) + "\n\n", length: 500, accepted: true),
        .init(.strip, "\u{0}" + a(500) + "\u{0}", length: 500, accepted: true),
        .init(.strip, "\u{B}\u{C}" + a(500) + "\u{B}\u{C}", length: 500, accepted: true),
        .init(.strip, a(501) + "\n", length: 501, accepted: false),
        // Ruby strips ASCII whitespace only: a no-break, ideographic or line-separator space counts.
        .init(.strip, a(500) + "\u{A0}", length: 501, accepted: false),
        .init(.strip, "\u{3000}" + a(499), length: 500, accepted: true),
        .init(.strip, "\u{3000}" + a(500), length: 501, accepted: false),
        .init(.strip, "a \n b", length: 5, accepted: true),
        .init(.strip, "0123456789\n\n", limit: 10, length: 10, accepted: true),
        .init(.strip, "  0123456789", limit: 10, length: 10, accepted: true),
        .init(.strip, "0123456789\u{2028}", limit: 10, length: 11, accepted: false),
        .init(.strip, " @bob@example.com", length: 4, accepted: true),
    ]

    static let blank: [MastodonServerCase] = [
        .init(.blank, " \n\t", length: 0, accepted: false),
        .init(.blank, "\u{0}", length: 0, accepted: false),
        .init(.blank, "\u{A0}", length: 0, accepted: false),
        .init(.blank, "\n\u{3000} ", length: 0, accepted: false),
        .init(.blank, "\n.\n", length: 1, accepted: true),
    ]

    static let longDomain: [MastodonServerCase] = [
        // spec: "does count both parts of remote usernames for overly long domains"
        .init(.longDomain, "@alice@" + b(500) + ".com", length: 511, accepted: false),
        // spec: "counts only the front part of remote usernames"
        .init(.longDomain, a(475) + " @alice@" + b(30) + ".com", length: 482, accepted: true),
        .init(.longDomain, "@alice@" + b(249) + ".com", length: 6, accepted: true),  // 253: still a mention
        .init(.longDomain, "@alice@" + b(250) + ".com", length: 261, accepted: true),  // 254: counted in full
        .init(.longDomain, "@alice@" + b(249) + ".com", limit: 6, length: 6, accepted: true),
        .init(.longDomain, "@alice@" + b(250) + ".com", limit: 260, length: 261, accepted: false),
        .init(.longDomain, a(493) + " @alice@" + b(249) + ".com", length: 500, accepted: true),
        .init(.longDomain, a(493) + " @alice@" + b(250) + ".com", length: 755, accepted: false),
    ]

    static let mentionEnd: [MastodonServerCase] = [
        .init(.mentionEnd, "@bob@example.com", length: 4, accepted: true),
        .init(.mentionEnd, "@bob@example.com@", length: 17, accepted: true),
        .init(.mentionEnd, "@bob@example.com＠", length: 17, accepted: true),
        .init(.mentionEnd, "@bob@example.com://x", length: 20, accepted: true),
        .init(.mentionEnd, "@bob@example.com:x", length: 6, accepted: true),
        .init(.mentionEnd, "@bob@example.com/x", length: 6, accepted: true),
        // spec (MENTION_RE): "matches full usernames with a dot at the end"
        .init(.mentionEnd, "Hello @alice@example.com.", length: 13, accepted: true),
        // Mastodon's extractor spec: "does not extract mentions which ends with particular characters"
        .init(.mentionEnd, "@screen_name@", length: 13, accepted: true),
        // After a refused match the scan goes on from its end, where `c` now precedes the next `@`.
        .init(.mentionEnd, "@a@b.c@d@e.f", length: 12, accepted: true),
        .init(.mentionEnd, a(483) + " @bob@example.com", length: 488, accepted: true),
        .init(.mentionEnd, a(483) + " @bob@example.com@", length: 501, accepted: false),
        .init(.mentionEnd, "@bob@example.com://x", limit: 20, length: 20, accepted: true),
        .init(.mentionEnd, "@bob@example.com://x", limit: 19, length: 20, accepted: false),
        .init(.mentionEnd, "@bob@example.com@", limit: 16, length: 17, accepted: false),
        .init(.mentionEnd, "@bob@example.com:x", limit: 6, length: 6, accepted: true),
        // A ZWJ is not a word character: the domain stops before it, the mention stands.
        .init(.mentionEnd, "@bob@ex\u{200D}ample.com", length: 13, accepted: true),
        // `/i` folds the Kelvin sign to `k`: it is a username character.
        .init(.mentionEnd, "@\u{212A}elvin@example.com", length: 7, accepted: true),
        // `end_mention_match`'s Latin accents never end a remote mention: each is a `[[:word:]]` character, so the
        // domain has taken it before the end is looked at (Ruby: the match is `@bob@example.comé`, not rejected).
        .init(.mentionEnd, "@bob@example.comé x", length: 6, accepted: true),
        .init(.mentionEnd, "@bob@example.com\u{301} x", length: 6, accepted: true),
        .init(.mentionEnd, "@bob@example.com.é x", length: 6, accepted: true),
    ]

    static let wordBefore: [MastodonServerCase] = [
        .init(.wordBefore, "a\u{301}@bob@example.com", length: 17, accepted: true),  // combining acute (Mn)
        .init(.wordBefore, "\u{203F}@bob@example.com", length: 17, accepted: true),  // undertie (Pc)
        .init(.wordBefore, "_@bob@example.com", length: 17, accepted: true),
        .init(.wordBefore, "x@bob@example.com", length: 17, accepted: true),
        .init(.wordBefore, "=@bob@example.com", length: 17, accepted: true),
        .init(.wordBefore, "/@bob@example.com", length: 17, accepted: true),
        .init(.wordBefore, "\u{216B}@bob@example.com", length: 17, accepted: true),  // Ⅻ, a letter number
        .init(.wordBefore, "\u{663}@bob@example.com", length: 17, accepted: true),  // Arabic-Indic three (Nd)
        .init(.wordBefore, "(@bob@example.com)", length: 6, accepted: true),
        .init(.wordBefore, "\u{B7}@bob@example.com", length: 5, accepted: true),  // middle dot (Po)
        .init(.wordBefore, "-@bob@example.com", length: 5, accepted: true),
        .init(.wordBefore, "\u{B2}@bob@example.com", length: 5, accepted: true),  // superscript two (No)
        .init(.wordBefore, "\u{200D}@bob@example.com", length: 5, accepted: true),  // ZWJ (Cf)
        // spec (MENTION_RE): "does not match e-mails", "does not match URLs"
        .init(.wordBefore, "Drop me an e-mail at alice@example.com", length: 38, accepted: true),
        .init(.wordBefore, "Check this out https://medium.com/@alice/some-article#.abcdef123", length: 38, accepted: true),
        .init(.wordBefore, a(483) + " \u{203F}@bob@example.com", length: 501, accepted: false),
        .init(.wordBefore, a(483) + " (@bob@example.com", length: 489, accepted: true),
        .init(.wordBefore, "a\u{301}@bob@example.com", limit: 17, length: 17, accepted: true),
        .init(.wordBefore, "a\u{301}@bob@example.com", limit: 16, length: 17, accepted: false),
    ]

    static let domainMarks: [MastodonServerCase] =
        composerDomains.map { .init(.domainMarks, "@info@" + $0, length: 5, accepted: true) } + [
            .init(.domainMarks, "@info@" + tibetanDomain, length: 26, accepted: true),
            .init(.domainMarks, "@info@" + bengaliDomain, limit: 5, length: 5, accepted: true),
            .init(.domainMarks, a(494) + " @info@" + bengaliDomain, length: 500, accepted: true),
            .init(.domainMarks, a(495) + " @info@" + bengaliDomain, length: 501, accepted: false),
        ]

    /// Ruby 3.2 to 3.4 segment with Unicode 15.0: no GB9c, so a virama does not join two consonants.
    static let graphemes: [MastodonServerCase] = [
        // spec: "counts multi byte emoji as single character", "counts ZWJ sequence emoji as single character"
        .init(.graphemes, String(repeating: "✨", count: 500), length: 500, accepted: true),
        .init(.graphemes, String(repeating: "🏳️‍⚧️", count: 500), length: 500, accepted: true),
        .init(.graphemes, String(repeating: "🏳️‍⚧️", count: 501), length: 501, accepted: false),
        .init(.graphemes, "क्ष", length: 2, accepted: true),
        .init(.graphemes, "क्षत्रिय", length: 5, accepted: true),
        .init(.graphemes, "हिन्दी", length: 3, accepted: true),
        .init(.graphemes, "क्\u{200D}ष", length: 2, accepted: true),
        .init(.graphemes, String(repeating: "क्ष", count: 250), length: 500, accepted: true),
        .init(.graphemes, String(repeating: "क्ष", count: 250) + "a", length: 501, accepted: false),
        .init(.graphemes, "क्ष", limit: 1, length: 2, accepted: false),
        .init(.graphemes, "ក្ក", length: 2, accepted: true),  // Khmer coeng: not a linker in any version
        .init(.graphemes, "ก่ำ", length: 1, accepted: true),  // Thai sara am is a spacing mark
    ]

    static let urls: [MastodonServerCase] = [
        // spec: "adds an error when text is over character limit"
        .init(.urls, a(520), length: 520, accepted: false),
        // spec: "reduces calculated length of auto-linkable space-separated URLs"
        .init(.urls, a(476) + " http://" + b(30) + ".com/example", length: 500, accepted: true),
        // spec: "does not reduce calculated length of non-autolinkable URLs"
        .init(.urls, a(476) + "http://" + b(30) + ".com/example", length: 525, accepted: false),
        // spec: "does not reduce calculated length of count overly long URLs" (over 4096: not a URL)
        .init(.urls, "http://example.com/valid?" + String(repeating: "#foo?", count: 1000), length: 5025,
            accepted: false),
        .init(.urls, a(477) + " http://" + b(30) + ".com/example", length: 501, accepted: false),
        .init(.urls, "Lisez mouves.org", limit: 16, length: 16, accepted: true),
    ]
}
