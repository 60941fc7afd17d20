/// What a postcode tells of a supporter's seat (see ``ConstituencyFinder/lookUp(postcode:)``).
public enum PostcodeAnswer: Sendable, Hashable {
    /// Not a postcode: a French postcode is five digits (`91300`; `91 300` is read too).
    case malformed
    /// Five digits La Poste's base does not list: a CEDEX code, a typo, or no postcode at all (`00000`).
    case unknown(postcode: String)
    /// The places the postcode serves, each with the seats its part of the postcode lies in, in La Poste's order.
    case places(postcode: String, [Locality])

    /// Every seat the postcode reaches, in order: one for most postcodes, several when it serves communes of several
    /// constituencies or a commune a boundary runs through; none when unknown, malformed, or without a seat.
    public var seats: [Seat] {
        guard case .places(_, let places) = self else { return [] }
        return Array(Set(places.flatMap(\.seats))).sorted()
    }

    /// The places the postcode serves (empty when unknown or malformed).
    public var localities: [Locality] {
        guard case .places(_, let places) = self else { return [] }
        return places
    }

    /// Whether a search can go on with this answer: a postcode La Poste lists, or five digits that at least begin a
    /// department's code (then its department's deputies are the candidates). `write --postcode` and the supporters'
    /// page refuse the others with the same rule.
    public var leadsSomewhere: Bool {
        switch self {
        case .malformed: false
        case .unknown(let digits): Department(postcode: digits) != nil
        case .places: true
        }
    }
}
