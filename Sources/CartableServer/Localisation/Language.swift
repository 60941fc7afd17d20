import Foundation

/// The languages of the page's own text (the campaign's texts are never translated).
public enum Language: String, Sendable, CaseIterable {
    case french = "fr"
    case english = "en"

    /// The language for a two-letter code (`fr`, `EN`, `fr-FR`), if the page speaks it.
    public init?(code: String) {
        // The usual codes (a cookie, a query, a campaign's `language`) without Foundation's trimming.
        if let exact = Language(rawValue: code) {
            self = exact
            return
        }
        let primary = code.split(separator: "-").first.map { $0.lowercased().trimmingCharacters(in: .whitespaces) } ?? ""
        guard let language = Language(rawValue: primary) else { return nil }
        self = language
    }

    /// The first language of an `Accept-Language` header that the page speaks, by quality (`en-GB,en;q=0.9,fr;q=0.8`).
    public init?(acceptLanguage header: String) {
        let ranked = header.split(separator: ",").enumerated().compactMap { index, part -> (quality: Double, index: Int, language: Language)? in
            let pieces = part.split(separator: ";")
            guard let tag = pieces.first, let language = Language(code: String(tag)) else { return nil }
            var quality = 1.0
            for piece in pieces.dropFirst() {
                let trimmed = piece.trimmingCharacters(in: .whitespaces)
                if trimmed.hasPrefix("q="), let value = Double(trimmed.dropFirst(2)) { quality = value }
            }
            return quality > 0 ? (quality, index, language) : nil
        }
        guard let best = ranked.min(by: { ($0.quality, -$0.index) > ($1.quality, -$1.index) }) else { return nil }
        self = best.language
    }

    /// The other language, for the visible switch.
    public var other: Language { self == .french ? .english : .french }

    /// The language's own name, for the switch: `Français`, `English`.
    public var ownName: String { self == .french ? "Français" : "English" }

    /// The text of `phrase` in this language.
    public func text(_ phrase: Phrase) -> String {
        switch self {
        case .french: FrenchText.table[phrase] ?? EnglishText.table[phrase] ?? "\(phrase)"
        case .english: EnglishText.table[phrase] ?? "\(phrase)"
        }
    }

    /// `phrase` with `{1}`, `{2}`… replaced by `values`.
    /// `{n}` beyond the values given is left as written, and so is a `{…}` inside a value: the text is read once.
    public func text(_ phrase: Phrase, _ values: String...) -> String {
        let template = text(phrase)
        guard !values.isEmpty, template.utf8.contains(UInt8(ascii: "{")) else { return template }
        var result = ""
        result.reserveCapacity(template.utf8.count + values.reduce(0) { $0 + $1.utf8.count })
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            let after = rest[rest.index(after: open)...]
            if let close = after.firstIndex(of: "}"), let number = Int(after[..<close]), (1...values.count).contains(number),
               String(number) == after[..<close] {
                result += values[number - 1]
                rest = after[after.index(after: close)...]
            } else {
                result += "{"
                rest = after
            }
        }
        result += rest
        return result
    }

    /// A whole number as people of this language write it: `12 345` (narrow no-break space) in French, `12,345`.
    public func number(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped += self == .french ? "\u{202F}" : "," }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    /// `1 message`, `2 messages`: French counts 0 and 1 as singular, English only 1.
    public func count(_ value: Int, one: Phrase, other: Phrase) -> String {
        let singular = self == .french ? value <= 1 : value == 1
        return text(singular ? one : other, number(value))
    }

    /// A moment in the page's language: `30 novembre 2026 à 14:05` or `30 November 2026 at 14:05`, Paris time.
    public func moment(_ date: Date, timeZone: TimeZone = TimeZone(identifier: "Europe/Paris") ?? .current) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: self == .french ? "fr_FR" : "en_GB")
        formatter.timeZone = timeZone
        formatter.dateFormat = self == .french ? "d MMMM yyyy 'à' HH:mm" : "d MMMM yyyy 'at' HH:mm"
        return formatter.string(from: date)
    }
}
