/// What a postcode or a place name finds among recipients, and how to say it for people: the deputies who sit for
/// the place's seats. ``RecipientSearch`` and ``RecipientChoice`` share it.
struct PlaceMatch {
    /// The recipients found, in the candidates' order.
    var recipients: [Recipient] = []
    /// How the postcode or name was understood: `postcode 91300 → Essonne 6th constituency`.
    var interpretations: [String] = []
    /// What would narrow the answer down, when it has several seats.
    var notes: [String] = []
    /// The places understood.
    var localities: [Locality] = []

    /// The deputies of the postcode's seats among `candidates`.
    static func postcode(_ answer: PostcodeAnswer, written: String, among candidates: [Recipient]) -> PlaceMatch {
        switch answer {
        case .malformed:
            return PlaceMatch(interpretations: ["\"\(written)\" is not a postcode (five digits, e.g. 91300)"])
        case .unknown(let postcode):
            guard let department = Department(postcode: postcode) else {
                return PlaceMatch(interpretations: ["postcode \(postcode) is not in La Poste's base"])
            }
            // A CEDEX code or a new postcode: its first digits still tell the department (mostly).
            return PlaceMatch(
                recipients: candidates.filter { $0.department == department.code },
                interpretations: ["postcode \(postcode) is not in La Poste's base (a CEDEX code?) → department \(department.code) (\(department.name)), by its first digits"])
        case .places(let postcode, let places):
            let seats = answer.seats
            guard !seats.isEmpty else {
                let names = Seat.list(places.map(\.name))
                return PlaceMatch(interpretations: ["postcode \(postcode) → \(names), which has no constituency"], localities: places)
            }
            let (recipients, byDepartment) = sitting(for: seats, among: candidates)
            var understood = "postcode \(postcode) → \(Seat.names(seats))"
            if byDepartment { understood += Self.withoutNumbers(seats) }
            let notes = seats.count > 1 ? [narrowing(postcode, places)] : []
            return PlaceMatch(recipients: recipients, interpretations: [understood], notes: notes, localities: places)
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
            var understood = "\(describe(place)) → " + (place.seats.isEmpty ? "no constituency" : Seat.names(place.seats))
            if place.isSplit { understood += ", split street by street" }
            if byDepartment { understood += withoutNumbers(place.seats) }
            match.interpretations.append(understood)
        }
        let seats = Array(Set(places.flatMap(\.seats))).sorted()
        if places.count > 5 {
            let departments = Seat.list(Array(Set(places.compactMap(\.department))).sorted())
            match.interpretations.append("\(places.count) places named \"\(written)\" (in \(departments)) → \(seats.count) constituencies"
                + (anyByDepartment ? " (this list has no constituency numbers: every deputy of their departments)" : ""))
        }
        let key = PlaceName.key(written)
        let homonyms = places.filter { PlaceName.key($0.name) == key || $0.kind == .consularPost }
        if homonyms.count > 1 {
            match.notes.append("\(homonyms.count) places are named \"\(written)\": the department or the postcode tells which one is yours")
        }
        let merged = places.filter { PlaceName.key($0.name) != key && $0.kind == .commune }
        if merged.count > 1, Set(merged.map(\.seats)).count > 1 {
            // A commune nouvelle La Poste knows and the 2010 map does not: its former communes keep their own seats.
            match.notes.append("\"\(written)\" covers \(Seat.list(merged.map(\.name))), which vote in different constituencies "
                + "(the map predates the merger): your former commune tells which one is yours")
        }
        if let split = places.first(where: \.isSplit), places.count == 1 {
            match.notes.append("a constituency boundary runs through \(split.name) street by street: only the address tells which of its \(split.seats.count) deputies is yours, so each is listed")
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

    /// ` (this list has no constituency numbers: every deputy of Essonne)`.
    private static func withoutNumbers(_ seats: [Seat]) -> String {
        let departments = Array(Set(seats.map(\.department))).sorted().map { code in
            Department(code: code).map { "\($0.name) (\($0.code))" } ?? code
        }
        return " (this list has no constituency numbers: every deputy of \(Seat.list(departments)))"
    }

    /// `commune Évry-Courcouronnes (91)`, `Paris 11e arrondissement`, `consular post Londres`.
    private static func describe(_ place: Locality) -> String {
        switch place.kind {
        case .commune: "commune \(place.label)"
        case .arrondissement: place.name
        case .consularPost: "consular post \(place.name)"
        }
    }

    /// Which places of a postcode lie in which seats: `postcode 01000 spans 2 constituencies; the commune narrows it:
    /// Ain 1st constituency — Saint-Denis-lès-Bourg; Ain 1st and 4th constituencies, split street by street — Bourg-en-Bresse`.
    private static func narrowing(_ postcode: String, _ places: [Locality]) -> String {
        let seatCount = Set(places.flatMap(\.seats)).count
        var groups: [(seats: [Seat], names: [String])] = []
        for place in places where !place.seats.isEmpty {
            if let index = groups.firstIndex(where: { $0.seats == place.seats }) {
                groups[index].names.append(place.name)
            } else {
                groups.append((place.seats, [place.name]))
            }
        }
        let spans = "postcode \(postcode) spans \(seatCount) constituencies"
        if groups.count == 1 {
            return "\(spans): a boundary runs through \(Seat.list(groups[0].names)) street by street, so only the address tells "
                + "which deputy is yours; each is listed"
        }
        let parts = groups.map { group in
            let names = group.names.count > 8 ? group.names.prefix(7).joined(separator: ", ") + " and \(group.names.count - 7) more"
                : Seat.list(group.names)
            return Seat.names(group.seats) + (group.seats.count > 1 ? ", split street by street" : "") + " — " + names
        }
        return "\(spans); the commune narrows it: " + parts.joined(separator: "; ")
    }
}
