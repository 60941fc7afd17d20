/// What would narrow a search's answer down, as a value: the CLI says it in English (``description``), the
/// supporters' page in the visitor's language.
public enum SearchAdvice: Sendable, Hashable, CustomStringConvertible {
    /// The places of a postcode that share the same seats.
    public struct PlacesInSeats: Sendable, Hashable {
        /// The seats these places lie in (several when a boundary runs through them street by street).
        public var seats: [Seat]
        /// The places' names, in La Poste's order.
        public var names: [String]

        /// Places named `names`, all lying in `seats`.
        public init(seats: [Seat], names: [String]) {
            self.seats = seats
            self.names = names
        }
    }

    /// A postcode reaching `seatCount` seats, with which of its places lie in which: when every place shares the
    /// same seats, a boundary runs through them street by street and only the address tells.
    case postcodeSpans(String, seatCount: Int, places: [PlacesInSeats])
    /// Several places bear the name typed: the department or the postcode tells which.
    case homonyms(count: Int, named: String)
    /// A commune nouvelle whose former communes (named) vote in different seats: the former commune tells.
    case formerCommunes(named: String, communes: [String])
    /// A place split street by street between `seatCount` seats: each deputy is listed.
    case splitPlace(String, seatCount: Int)

    /// How many place names a ``postcodeSpans(_:seatCount:places:)`` group lists before saying how many more.
    public static let namesListed = 8

    /// The advice in English: `postcode 01000 spans 2 constituencies; the commune narrows it: …`.
    public var description: String {
        switch self {
        case .postcodeSpans(let postcode, let seatCount, let places):
            let spans = "postcode \(postcode) spans \(seatCount) constituencies"
            if places.count == 1 {
                return "\(spans): a boundary runs through \(Seat.list(places[0].names)) street by street, so only the address tells "
                    + "which deputy is yours; each is listed"
            }
            let parts = places.map { group in
                let names = group.names.count > Self.namesListed
                    ? group.names.prefix(Self.namesListed - 1).joined(separator: ", ") + " and \(group.names.count - Self.namesListed + 1) more"
                    : Seat.list(group.names)
                return Seat.names(group.seats) + (group.seats.count > 1 ? ", split street by street" : "") + " — " + names
            }
            return "\(spans); the commune narrows it: " + parts.joined(separator: "; ")
        case .homonyms(let count, let named):
            return "\(count) places are named \"\(named)\": the department or the postcode tells which one is yours"
        case .formerCommunes(let named, let communes):
            return "\"\(named)\" covers \(Seat.list(communes)), which vote in different constituencies "
                + "(the map predates the merger): your former commune tells which one is yours"
        case .splitPlace(let name, let seatCount):
            return "a constituency boundary runs through \(name) street by street: only the address tells which of its \(seatCount) deputies is yours, so each is listed"
        }
    }
}
