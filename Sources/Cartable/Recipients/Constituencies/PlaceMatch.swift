/// What a postcode or a place name finds among recipients, and how to say it for people: the deputies who sit for
/// the place's seats. ``RecipientSearch`` and ``RecipientChoice`` share it.
struct PlaceMatch {
    /// The recipients found, in the candidates' order.
    var recipients: [Recipient] = []
    /// How the postcode or name was understood: `postcode 91300 → Essonne 6th constituency`.
    var readings: [SearchReading] = []
    /// What would narrow the answer down, when it has several seats.
    var advice: [SearchAdvice] = []
    /// The places understood.
    var localities: [Locality] = []

    /// The deputies of the postcode's seats among `candidates`.
    static func postcode(_ answer: PostcodeAnswer, written: String, among candidates: [Recipient]) -> PlaceMatch {
        switch answer {
        case .malformed:
            return PlaceMatch(readings: [.notAPostcode(written)])
        case .unknown(let postcode):
            guard let department = Department(postcode: postcode) else {
                return PlaceMatch(readings: [.unknownPostcode(postcode)])
            }
            // A CEDEX code or a new postcode: its first digits still tell the department (mostly).
            return PlaceMatch(recipients: candidates.filter { $0.department == department.code },
                              readings: [.unknownPostcodeInDepartment(postcode, department)])
        case .places(let postcode, let places):
            let seats = answer.seats
            guard !seats.isEmpty else {
                return PlaceMatch(readings: [.postcodeWithoutSeat(postcode, places: places.map(\.name))], localities: places)
            }
            let (recipients, byDepartment) = sitting(for: seats, among: candidates)
            let advice = seats.count > 1 ? [narrowing(postcode, places)] : []
            return PlaceMatch(recipients: recipients, readings: [.postcode(postcode, seats: seats, wholeDepartments: byDepartment)],
                              advice: advice, localities: places)
        }
    }

    /// The deputies of the seats of `places`, the places bearing the name `written`.
    static func places(_ places: [Locality], named written: String, among candidates: [Recipient]) -> PlaceMatch {
        var match = PlaceMatch(localities: places)
        var seen = Set<String>()
        var anyByDepartment = false
        for place in places {
            let (recipients, byDepartment) = sitting(for: place.seats, among: candidates)
            anyByDepartment = anyByDepartment || byDepartment
            for recipient in recipients where seen.insert(recipient.id).inserted { match.recipients.append(recipient) }
            guard places.count <= 5 else { continue }
            match.readings.append(.place(place, wholeDepartments: byDepartment))
        }
        let seats = Set(places.flatMap(\.seats))
        if places.count > 5 {
            let departments = Array(Set(places.compactMap(\.department))).sorted()
            match.readings.append(.places(count: places.count, named: written, departments: departments, seatCount: seats.count,
                                          wholeDepartments: anyByDepartment))
        }
        let key = PlaceName.key(written)
        let homonyms = places.filter { PlaceName.key($0.name) == key || $0.kind == .consularPost }
        if homonyms.count > 1 {
            match.advice.append(.homonyms(count: homonyms.count, named: written))
        }
        let merged = places.filter { PlaceName.key($0.name) != key && $0.kind == .commune }
        if merged.count > 1, Set(merged.map(\.seats)).count > 1 {
            // A commune nouvelle La Poste knows and the 2010 map does not: its former communes keep their own seats.
            match.advice.append(.formerCommunes(named: written, communes: merged.map(\.name)))
        }
        if let split = places.first(where: \.isSplit), places.count == 1 {
            match.advice.append(.splitPlace(split.name, seatCount: split.seats.count))
        }
        return match
    }

    /// The candidates sitting for `seats`, and whether it had to fall back on their departments: a list without
    /// constituency numbers (none among the candidates of those departments) gives every deputy of the departments.
    static func sitting(for seats: [Seat], among candidates: [Recipient]) -> (recipients: [Recipient], byDepartment: Bool) {
        let departments = Set(seats.map(\.department))
        let inDepartments = candidates.filter { $0.department.map(departments.contains) ?? false }
        guard inDepartments.contains(where: { $0.constituency != nil }) else { return (inDepartments, !inDepartments.isEmpty) }
        let wanted = Set(seats)
        return (inDepartments.filter { Seat(of: $0).map(wanted.contains) ?? false }, false)
    }

    /// Which places of a postcode lie in which seats (places without a seat left out).
    private static func narrowing(_ postcode: String, _ places: [Locality]) -> SearchAdvice {
        let seatCount = Set(places.flatMap(\.seats)).count
        var groups: [SearchAdvice.PlacesInSeats] = []
        for place in places where !place.seats.isEmpty {
            if let index = groups.firstIndex(where: { $0.seats == place.seats }) {
                groups[index].names.append(place.name)
            } else {
                groups.append(SearchAdvice.PlacesInSeats(seats: place.seats, names: [place.name]))
            }
        }
        return .postcodeSpans(postcode, seatCount: seatCount, places: groups)
    }
}
