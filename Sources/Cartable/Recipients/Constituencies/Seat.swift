/// A seat in the Assemblée nationale: a constituency, written as its department and its number there (`91-6`).
///
/// The department is the unified code of ``Department`` (`91`, `2A`, `974`, `99` for the French established abroad).
/// It is the constituency's department, which is not always the department of a commune inside it: four communes
/// nouvelles straddle a departmental border, so never derive a seat's department from a postcode.
public struct Seat: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The unified department code: `91`, `2A`, `974`, `99`.
    public var department: String
    /// The constituency's number in its department, from 1.
    public var number: Int

    /// The seat `department`-`number`; `department` is taken as already unified.
    public init(department: String, number: Int) {
        self.department = department
        self.number = number
    }

    /// The seat a recipient sits for, when the list gives both their department and their constituency number.
    public init?(of recipient: Recipient) {
        guard let department = recipient.department, let number = recipient.constituency else { return nil }
        self.init(department: department, number: number)
    }

    /// `91-6`, the form of ``Recipient/constituencyKey`` and of the `constituencies` filters.
    public var description: String { "\(department)-\(number)" }

    /// The seat for people: `Essonne 6th constituency`.
    public var name: String { "\(departmentName) \(Self.ordinal(number)) constituency" }

    /// Seats for people, grouped by department in order: `Ain 1st and 4th constituencies`,
    /// `Loire-Atlantique 6th constituency and Maine-et-Loire 7th constituency`.
    public static func names(_ seats: [Seat]) -> String {
        let parts = byDepartment(seats).map { code, numbers in
            let name = Department(code: code)?.name ?? code
            let ordinals = numbers.map(Self.ordinal)
            return "\(name) \(Self.list(ordinals)) \(numbers.count == 1 ? "constituency" : "constituencies")"
        }
        return parts.joined(separator: " and ")
    }

    /// `seats` in order, grouped by department: `[("01", [1, 4]), ("44", [6])]`, for naming them in any language.
    public static func byDepartment(_ seats: [Seat]) -> [(code: String, numbers: [Int])] {
        var departments: [(code: String, numbers: [Int])] = []
        for seat in seats.sorted() {
            if departments.last?.code == seat.department {
                departments[departments.count - 1].numbers.append(seat.number)
            } else {
                departments.append((seat.department, [seat.number]))
            }
        }
        return departments
    }

    public static func < (lhs: Seat, rhs: Seat) -> Bool {
        (lhs.department, lhs.number) < (rhs.department, rhs.number)
    }

    private var departmentName: String { Department(code: department)?.name ?? department }

    /// `1st`, `2nd`, `3rd`, `4th`, `11th`, `12th`, `13th`, `21st`.
    static func ordinal(_ number: Int) -> String {
        let suffix: String
        switch (number % 10, number % 100) {
        case (_, 11...13): suffix = "th"
        case (1, _): suffix = "st"
        case (2, _): suffix = "nd"
        case (3, _): suffix = "rd"
        default: suffix = "th"
        }
        return "\(number)\(suffix)"
    }

    /// `a`, `a and b`, `a, b and c`.
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
    }
}
