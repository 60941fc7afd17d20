/// The generated ``ConstituencyTables`` as places and seats: each lookup a binary search in a table's text
/// (``SortedRows``), so nothing is parsed when the program starts.
enum ConstituencyData {
    static let communes = SortedRows(text: ConstituencyTables.communes)
    static let arrondissements = SortedRows(text: ConstituencyTables.arrondissements)
    static let postcodes = SortedRows(text: ConstituencyTables.postcodes)
    static let placeNames = SortedRows(text: ConstituencyTables.placeNames)

    /// The commune with that INSEE code of 2021 (`91228`) and every seat it lies in.
    static func commune(_ code: String) -> Locality? {
        let rows = communes.rows(withFirstField: code)
        guard let first = rows.first else { return nil }
        return Locality(kind: .commune, code: code, name: String(first[1]), department: department(ofINSEECode: code),
                        seats: rows.compactMap { seat($0[2], $0[3]) })
    }

    /// The arrondissement of Paris, Lyon or Marseille with that INSEE code (`75111`) and every seat it lies in.
    static func arrondissement(_ code: String) -> Locality? {
        let rows = arrondissements.rows(withFirstField: code)
        guard let first = rows.first else { return nil }
        return Locality(kind: .arrondissement, code: code, name: String(first[1]), department: String(first[2]),
                        seats: rows.compactMap { seat($0[2], $0[3]) })
    }

    /// The arrondissement `paris 11`, `lyon 3` or `marseille 1` (as ``PlaceName/arrondissement(_:)`` writes them).
    static func arrondissement(named key: String) -> Locality? {
        let words = key.split(separator: " ")
        guard words.count == 2, let number = Int(words[1]) else { return nil }
        let first: Int
        switch words[0] {
        case "paris": first = 75_100
        case "lyon": first = 69_380
        case "marseille": first = 13_200
        default: return nil
        }
        return number < 100 ? arrondissement(String(first + number)) : nil
    }

    /// The places a postcode serves, in the table's order: the territories its rows resolve to, each with the seats
    /// its rows give it; `nil` when La Poste's base does not list the postcode.
    static func places(ofPostcode postcode: String) -> [Locality]? {
        let rows = postcodes.rows(withFirstField: postcode)
        guard !rows.isEmpty else { return nil }
        return places(of: rows)
    }

    /// The rows of a postcode table grouped by territory (`code_insee_resolu`), in order.
    private static func places(of rows: [[Substring]]) -> [Locality] {
        var territories: [String] = []
        var seats: [String: [Seat]] = [:]
        var laPosteNames: [String: String] = [:]
        for row in rows {
            let territory = String(row[1])
            if laPosteNames[territory] == nil {
                territories.append(territory)
                laPosteNames[territory] = String(row[3].isEmpty ? row[2] : row[3])
            }
            if let seat = seat(row[4], row[5]) { seats[territory, default: []].append(seat) }
        }
        return territories.map { territory in
            let known = arrondissement(territory) ?? commune(territory)
            return Locality(kind: known?.kind ?? .commune, code: territory, name: known?.name ?? laPosteNames[territory] ?? territory,
                            department: known?.department ?? department(ofINSEECode: territory), seats: seats[territory] ?? [])
        }
    }

    /// The communes whose INSEE name has that ``PlaceName/key(_:)``, in code order; failing that, the territories
    /// a La Poste name with that key covers (the communes of 2021 a commune nouvelle merged since).
    static func communes(named key: String) -> [Locality] {
        let rows = placeNames.rows(withFirstField: key)
        let communes = rows.filter { $0[1] == "c" }.compactMap { commune(String($0[2])) }
        guard communes.isEmpty else { return communes }
        // A name La Poste alone uses: the territories of its rows, each with the seats its postcode rows give it.
        var found: [Locality] = []
        for row in rows where row[1] == "p" {
            let territory = row[2]
            let postcodeRows = postcodes.rows(withFirstField: String(row[3])).filter { $0[1] == territory }
            for place in places(of: postcodeRows) {
                if let index = found.firstIndex(where: { $0.code == place.code }) {
                    found[index].seats = Array(Set(found[index].seats + place.seats)).sorted()
                } else {
                    found.append(place)
                }
            }
        }
        return found
    }

    /// Consular posts by ``PlaceName/key(_:)`` of their name (224 rows, read whole the first time).
    static let consularPosts: [String: [Locality]] = {
        var found: [String: [Locality]] = [:]
        for row in SortedRows(text: ConstituencyTables.consularPosts).allRows {
            let locality = Locality(kind: .consularPost, code: String(row[0]), name: String(row[0]), department: "99",
                                    seats: [seat(row[1], row[2])].compactMap { $0 })
            found[PlaceName.key(locality.name), default: []].append(locality)
        }
        return found
    }()

    /// The seat of a row's `dep` and `circo` fields; `nil` when they are empty (a place without a seat).
    static func seat(_ department: Substring, _ number: Substring) -> Seat? {
        guard !department.isEmpty, let number = Int(number) else { return nil }
        return Seat(department: String(department), number: number)
    }

    /// The department of an INSEE code: its first two characters (`91228` → `91`, `2A004` → `2A`), three overseas
    /// (`97411` → `974`); Saint-Martin (`97801`) is in Saint-Barthélemy's constituency `977`; `99` is abroad.
    static func department(ofINSEECode code: String) -> String? {
        let two = String(code.prefix(2))
        if two == "97" || two == "98" {
            let three = String(code.prefix(3))
            return three == "978" ? "977" : Department(code: three)?.code
        }
        return Department(code: two)?.code
    }
}
