/// How a search understood one part of a query, as a value: the CLI says it in English (``description``), the
/// supporters' page in the visitor's language.
public enum SearchReading: Sendable, Hashable, CustomStringConvertible {
    /// Text given as a postcode that is not one: `"9130" is not a postcode (five digits, e.g. 91300)`.
    case notAPostcode(String)
    /// A postcode La Poste does not list, whose first digits name no department.
    case unknownPostcode(String)
    /// A postcode La Poste does not list (a CEDEX code, a new one), read as the department its first digits name.
    case unknownPostcodeInDepartment(String, Department)
    /// A postcode whose places (named) lie in no constituency.
    case postcodeWithoutSeat(String, places: [String])
    /// A postcode and the seats it reaches; `wholeDepartments` when the list has no constituency numbers there,
    /// so that every deputy of the seats' departments is offered.
    case postcode(String, seats: [Seat], wholeDepartments: Bool)
    /// A place named (a commune, an arrondissement, a consular post) and its seats.
    case place(Locality, wholeDepartments: Bool)
    /// More places bear the name than can be listed: how many, in which departments, and how many seats in all.
    case places(count: Int, named: String, departments: [String], seatCount: Int, wholeDepartments: Bool)
    /// A department, by code or name.
    case department(Department)
    /// A department code that ``Department`` does not name.
    case departmentCode(String)
    /// A political group's code, as the list writes it (`LFI`).
    case group(String)
    /// A name, whole or in part.
    case name(String)

    /// The reading in English: `postcode 91300 → Essonne 6th constituency`.
    public var description: String {
        switch self {
        case .notAPostcode(let written):
            return "\"\(written)\" is not a postcode (five digits, e.g. 91300)"
        case .unknownPostcode(let postcode):
            return "postcode \(postcode) is not in La Poste's base"
        case .unknownPostcodeInDepartment(let postcode, let department):
            return "postcode \(postcode) is not in La Poste's base (a CEDEX code?) → department \(department.code) (\(department.name)), by its first digits"
        case .postcodeWithoutSeat(let postcode, let places):
            return "postcode \(postcode) → \(Seat.list(places)), which has no constituency"
        case .postcode(let postcode, let seats, let wholeDepartments):
            return "postcode \(postcode) → \(Seat.names(seats))" + (wholeDepartments ? Self.withoutNumbers(seats) : "")
        case .place(let place, let wholeDepartments):
            let kind = switch place.kind {
            case .commune: "commune \(place.label)"
            case .arrondissement: place.name
            case .consularPost: "consular post \(place.name)"
            }
            return "\(kind) → " + (place.seats.isEmpty ? "no constituency" : Seat.names(place.seats))
                + (place.isSplit ? ", split street by street" : "") + (wholeDepartments ? Self.withoutNumbers(place.seats) : "")
        case .places(let count, let named, let departments, let seatCount, let wholeDepartments):
            return "\(count) places named \"\(named)\" (in \(Seat.list(departments))) → \(seatCount) constituencies"
                + (wholeDepartments ? " (this list has no constituency numbers: every deputy of their departments)" : "")
        case .department(let department):
            return "department \(department.code) (\(department.name))"
        case .departmentCode(let code):
            return "department \(code) (\(code))"
        case .group(let group):
            return "group \(group.uppercased())"
        case .name(let name):
            return "name \"\(name)\""
        }
    }

    /// The departments of `seats`, each once, in order, as `Essonne (91)`.
    public static func departments(of seats: [Seat]) -> [String] {
        Array(Set(seats.map(\.department))).sorted().map { code in
            Department(code: code).map { "\($0.name) (\($0.code))" } ?? code
        }
    }

    /// ` (this list has no constituency numbers: every deputy of Essonne (91))`.
    private static func withoutNumbers(_ seats: [Seat]) -> String {
        " (this list has no constituency numbers: every deputy of \(Seat.list(departments(of: seats))))"
    }
}
