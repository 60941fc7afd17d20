/// A place a supporter names to find their deputy: a commune, a Paris, Lyon or Marseille arrondissement, or a
/// consular post abroad, with the seats it lies in.
///
/// A place lies in several seats when a constituency boundary runs through it street by street (Toulouse, Paris 11e):
/// then its deputies are all candidates and only the address could tell which one is the supporter's.
public struct Locality: Sendable, Hashable {
    /// What kind of place it is.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A commune, by its INSEE code of 1 January 2021 (or, for a few places La Poste still lists, the former
        /// commune or foreign territory its postcode serves: Monaco for `98000`).
        case commune
        /// An arrondissement of Paris, Lyon or Marseille (`75111`, `69383`, `13201`).
        case arrondissement
        /// A consulate or embassy: every French resident abroad is registered at one, and votes in its seat (`99-n`).
        case consularPost
    }

    /// What kind of place it is.
    public var kind: Kind
    /// The INSEE code (`91228`, `2A004`, `75111`), or a consular post's name.
    public var code: String
    /// The name: `Évry-Courcouronnes`, `Paris 11e arrondissement`, `Londres`.
    public var name: String
    /// The unified code of the department the place belongs to (`91`, `2A`, `974`; `99` abroad), or `nil` when
    /// no department fits. A seat of the place may belong to another department (see ``Seat``).
    public var department: String?
    /// The seats the place lies in, in order; empty for the few places without one (Clipperton, the Meuse villages
    /// destroyed in 1916).
    public var seats: [Seat]

    /// A place and its seats (sorted here).
    public init(kind: Kind, code: String, name: String, department: String?, seats: [Seat]) {
        self.kind = kind
        self.code = code
        self.name = name
        self.department = department
        self.seats = Array(Set(seats)).sorted()
    }

    /// Whether a constituency boundary runs through the place, so that it has several deputies.
    public var isSplit: Bool { seats.count > 1 }

    /// The place for people, with its department: `Saint-Denis (974)`, `Londres (consular post)`.
    public var label: String {
        switch kind {
        case .consularPost: "\(name) (consular post)"
        case .arrondissement: name
        case .commune: department.map { "\(name) (\($0))" } ?? name
        }
    }
}
