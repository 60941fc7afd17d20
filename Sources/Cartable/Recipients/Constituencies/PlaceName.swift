/// A place name folded for exact matching as people type it: ``SearchText/fold(_:)`` (no accents, no case,
/// hyphens and apostrophes as spaces), then `saint`/`sainte` written `st`/`ste` as La Poste writes them.
///
/// `Saint-Denis`, `ST DENIS` and `st-denis` have the same key `st denis`; `L'Haÿ-les-Roses` and `L HAY LES ROSES`
/// have `l hay les roses`.
enum PlaceName {
    /// The key of `name`; empty when it holds no letter or digit.
    static func key(_ name: String) -> String {
        key(folded: SearchText.fold(name))
    }

    /// ``key(_:)`` of a name already folded (``SearchText/fold(_:)``).
    static func key(folded: String) -> String {
        guard holdsSaint(folded) else { return folded }
        return folded.split(separator: " ").map { word in
            switch word {
            case "saint": "st"
            case "sainte": "ste"
            default: String(word)
            }
        }.joined(separator: " ")
    }

    /// Whether `folded` holds `saint`, looked for byte by byte in its UTF-8 (a search folds every query it reads as
    /// a place name: neither Foundation's search nor the standard library's generic one, both many times slower).
    private static func holdsSaint(_ folded: String) -> Bool {
        folded.withUTF8Bytes { bytes in
            guard bytes.count >= 5 else { return false }
            for start in 0...(bytes.count - 5) where bytes[start] == UInt8(ascii: "s") {
                if bytes[start + 1] == UInt8(ascii: "a"), bytes[start + 2] == UInt8(ascii: "i"), bytes[start + 3] == UInt8(ascii: "n"),
                   bytes[start + 4] == UInt8(ascii: "t") {
                    return true
                }
            }
            return false
        }
    }

    /// The words of an arrondissement written `Paris 11`, `paris 11e`, `Lyon 3ème arrondissement`, `Marseille 1er`,
    /// `LYON 03` (La Poste): `paris 11`; `nil` for anything else. `key` is already a ``key(_:)``.
    static func arrondissement(_ key: String) -> String? {
        // One word (most queries) is no arrondissement: not split for that.
        guard key.utf8.contains(UInt8(ascii: " ")) else { return nil }
        let words = key.split(separator: " ")
        guard words.count == 2 || (words.count == 3 && ["arrondissement", "arr", "arrt", "arrdt"].contains(words[2])),
              words[0] == "paris" || words[0] == "lyon" || words[0] == "marseille" else { return nil }
        let digits = words[1].prefix { $0.isASCII && $0.isNumber }
        guard ["", "e", "er", "ere", "re", "eme", "ieme", "em", "me"].contains(words[1].dropFirst(digits.count)),
              let number = Int(digits), number > 0 else { return nil }
        return "\(words[0]) \(number)"
    }
}
