import Foundation

/// Text folded for matching as people type it: no accents, no case, punctuation as spaces
/// (`GUEDJ Jérôme` and `guedj jerome` fold the same; `Côte-d'Or` folds to `cote d or`).
public enum SearchText {
    /// The folded form: lowercase ASCII-like letters and digits separated by single spaces.
    public static func fold(_ text: String) -> String {
        text.utf8.allSatisfy { $0 < 0x80 } ? asciiFold(text) : foundationFold(text)
    }

    /// ``fold(_:)`` of any text, through Foundation's folding.
    static func foundationFold(_ text: String) -> String {
        let folded = text
            .replacingOccurrences(of: "œ", with: "oe").replacingOccurrences(of: "Œ", with: "oe")
            .replacingOccurrences(of: "æ", with: "ae").replacingOccurrences(of: "Æ", with: "ae")
            .replacingOccurrences(of: "ß", with: "ss")
            .folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
            .lowercased()
        let words = folded.split(whereSeparator: { !($0.isLetter || $0.isNumber) })
        return words.joined(separator: " ")
    }

    /// ``fold(_:)`` for ASCII text, the same without Foundation (most of what supporters type, and of La Poste's
    /// names, read by the thousand when the tables load): lower case, runs of anything but letters and digits as one
    /// space.
    static func asciiFold(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                if pendingSpace && !bytes.isEmpty { bytes.append(UInt8(ascii: " ")) }
                pendingSpace = false
                bytes.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                if pendingSpace && !bytes.isEmpty { bytes.append(UInt8(ascii: " ")) }
                pendingSpace = false
                bytes.append(byte + 32)
            default:
                pendingSpace = true
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The folded words of `text`.
    public static func words(_ text: String) -> [String] {
        fold(text).split(separator: " ").map(String.init)
    }
}
