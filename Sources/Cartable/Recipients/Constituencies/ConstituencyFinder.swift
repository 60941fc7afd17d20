import Foundation

/// Finds a supporter's own seat from what they know: their postcode, or the name of their commune, arrondissement or
/// consular post.
///
/// The answers come from the tables shipped in `Recipients/constituencies/` (INSEE, Ministère de l'Intérieur, La
/// Poste; the 2010 map used by the 2012 to 2024 elections), compiled into the library: nothing is read at run time.
/// The tables are sorted text searched in place (a binary search per lookup): nothing is loaded when the program
/// starts, and a lookup takes microseconds.
///
/// It never guesses: a postcode serving communes of several constituencies, or a commune a boundary runs through,
/// answers with every seat, and a name several communes bear answers with each of them.
public enum ConstituencyFinder {
    /// The places a postcode serves and their seats: `91300` → Massy, Essonne 6th constituency; `01000` →
    /// Bourg-en-Bresse (Ain 1st and 4th) and Saint-Denis-lès-Bourg (Ain 1st); `75011` → Paris 11e arrondissement
    /// (Paris 6th and 7th).
    public static func lookUp(postcode text: String) -> PostcodeAnswer {
        guard let postcode = normalizedPostcode(text) else { return .malformed }
        guard let places = ConstituencyData.places(ofPostcode: postcode) else { return .unknown(postcode: postcode) }
        return .places(postcode: postcode, places)
    }

    /// The places of that name, matched exactly as people write it (accents, case, hyphens and apostrophes ignored;
    /// `Saint`/`St`, `Sainte`/`Ste` alike), each with its seats:
    ///
    /// - the communes of 1 January 2021 bearing it (`Saint-Denis` is a commune in several departments: all come back);
    /// - an arrondissement of Paris, Lyon or Marseille written `Paris 11e`, `Lyon 3`, `Marseille 1er arrondissement`;
    /// - a consular post abroad (`Londres`, `Montréal`), whose seat is its residents' seat;
    /// - failing a commune, a name La Poste uses for communes merged or renamed since 2021 (`Culoz-Béon`), answered
    ///   with the communes of 2021 it covers.
    ///
    /// Empty when no place bears the name.
    public static func localities(named text: String) -> [Locality] {
        localities(folded: SearchText.fold(text))
    }

    /// ``localities(named:)`` of a name already folded (``SearchText/fold(_:)``): a search folds its query once.
    static func localities(folded: String) -> [Locality] {
        let key = PlaceName.key(folded: folded)
        guard !key.isEmpty else { return [] }
        if let arrondissement = PlaceName.arrondissement(key) {
            return ConstituencyData.arrondissement(named: arrondissement).map { [$0] } ?? []
        }
        return ConstituencyData.communes(named: key) + (ConstituencyData.consularPosts[key] ?? [])
    }

    /// The five digits of a postcode written `91300` or `91 300` (spaces around ignored), or `nil`.
    public static func normalizedPostcode(_ text: String) -> String? {
        var trimmed = text.trimmedOfSpaces
        if trimmed.count == 6, trimmed.dropFirst(2).first == " " { trimmed.remove(at: trimmed.index(trimmed.startIndex, offsetBy: 2)) }
        guard trimmed.utf8.count == 5, trimmed.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
        return trimmed
    }
}
