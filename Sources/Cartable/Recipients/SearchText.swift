import Foundation

/// Text folded for matching as people type it: no accents, no case, punctuation as spaces
/// (`GUEDJ Jérôme` and `guedj jerome` fold the same; `Côte-d'Or` folds to `cote d or`).
public enum SearchText {
    /// The folded form: lowercase ASCII-like letters and digits separated by single spaces.
    public static func fold(_ text: String) -> String {
        let folded = text
            .replacingOccurrences(of: "œ", with: "oe").replacingOccurrences(of: "Œ", with: "oe")
            .replacingOccurrences(of: "æ", with: "ae").replacingOccurrences(of: "Æ", with: "ae")
            .replacingOccurrences(of: "ß", with: "ss")
            .folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
            .lowercased()
        let words = folded.split(whereSeparator: { !($0.isLetter || $0.isNumber) })
        return words.joined(separator: " ")
    }

    /// The folded words of `text`.
    public static func words(_ text: String) -> [String] {
        fold(text).split(separator: " ").map(String.init)
    }
}
