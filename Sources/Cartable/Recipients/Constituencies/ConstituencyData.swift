/// The generated ``ConstituencyTables`` parsed into dictionaries: each table once, the first time it is read
/// (Swift initialises a static property lazily and once, whatever the thread).
enum ConstituencyData {
    /// One row of a table: its fields in the generated order.
    typealias Row = [Substring]

    /// Communes by INSEE code (`91228`), with every seat they lie in.
    static let communes: [String: Locality] = {
        var seats: [String: [Seat]] = [:]
        var names: [String: Substring] = [:]
        var order: [String] = []
        for row in rows(ConstituencyTables.communes) {
            let code = String(row[0])
            if names.updateValue(row[1], forKey: code) == nil { order.append(code) }
            if let seat = seat(row[2], row[3]) { seats[code, default: []].append(seat) }
        }
        var communes: [String: Locality] = [:]
        for code in order {
            communes[code] = Locality(kind: .commune, code: code, name: String(names[code]!), department: department(ofINSEECode: code),
                                      seats: seats[code] ?? [])
        }
        return communes
    }()

    /// The arrondissements of Paris, Lyon and Marseille by INSEE code (`75111`).
    static let arrondissements: [String: Locality] = {
        var found: [String: Locality] = [:]
        for row in rows(ConstituencyTables.arrondissements) {
            let code = String(row[0])
            let seats = (found[code]?.seats ?? []) + [seat(row[2], row[3])].compactMap { $0 }
            found[code] = Locality(kind: .arrondissement, code: code, name: String(row[1]), department: String(row[2]), seats: seats)
        }
        return found
    }()

    /// The arrondissements by city and number as ``PlaceName/arrondissement(_:)`` writes them: `paris 11`.
    static let arrondissementsByName: [String: Locality] = {
        var found: [String: Locality] = [:]
        for locality in arrondissements.values {
            if let key = PlaceName.arrondissement(PlaceName.key(locality.name)) { found[key] = locality }
        }
        return found
    }()

    /// Communes by ``PlaceName/key(_:)`` of their INSEE name, homonyms in INSEE code order.
    static let communesByName: [String: [Locality]] = {
        var found: [String: [Locality]] = [:]
        for locality in communes.values.sorted(by: { $0.code < $1.code }) {
            found[PlaceName.key(locality.name), default: []].append(locality)
        }
        return found
    }()

    /// Consular posts by ``PlaceName/key(_:)`` of their name.
    static let consularPostsByName: [String: [Locality]] = {
        var found: [String: [Locality]] = [:]
        for row in rows(ConstituencyTables.consularPosts) {
            let locality = Locality(kind: .consularPost, code: String(row[0]), name: String(row[0]), department: "99",
                                    seats: [seat(row[1], row[2])].compactMap { $0 })
            found[PlaceName.key(locality.name), default: []].append(locality)
        }
        return found
    }()

    /// The postcode table: each postcode's places (the territories its rows resolve to, in the table's order) with
    /// the seats its rows give them, and La Poste's names for them.
    struct Postcodes {
        /// Postcode → its places.
        var places: [String: [Locality]] = [:]
        /// ``PlaceName/key(_:)`` of a La Poste commune name (`CULOZ BEON`) or locality (`BEON`) → the places its rows
        /// resolve to: the communes of 2021 that La Poste's newer names cover.
        var byLaPosteName: [String: [Locality]] = [:]
    }

    /// The postcode table, parsed.
    static let postcodes: Postcodes = {
        var territoriesOfPostcode: [String: [String]] = [:]
        var seatsOf: [String: Set<Seat>] = [:] // "postcode territory" → seats
        var territorySeats: [String: Set<Seat>] = [:]
        var fallbackNames: [String: String] = [:]
        var codesByName: [String: [String]] = [:]
        for row in rows(ConstituencyTables.postcodes) {
            let postcode = String(row[0]), territory = String(row[1])
            let pair = postcode + " " + territory
            if seatsOf[pair] == nil {
                seatsOf[pair] = []
                territoriesOfPostcode[postcode, default: []].append(territory)
            }
            if let seat = seat(row[4], row[5]) {
                seatsOf[pair]!.insert(seat)
                territorySeats[territory, default: []].insert(seat)
            }
            if fallbackNames[territory] == nil { fallbackNames[territory] = String(row[3].isEmpty ? row[2] : row[3]) }
            for name in [row[2], row[3]] where !name.isEmpty {
                let key = PlaceName.key(String(name))
                if codesByName[key]?.contains(territory) != true { codesByName[key, default: []].append(territory) }
            }
        }
        func place(_ territory: String, seats: Set<Seat>) -> Locality {
            if let arrondissement = arrondissements[territory] {
                return Locality(kind: .arrondissement, code: territory, name: arrondissement.name, department: arrondissement.department,
                                seats: Array(seats))
            }
            return Locality(kind: .commune, code: territory, name: communes[territory]?.name ?? fallbackNames[territory] ?? territory,
                            department: department(ofINSEECode: territory), seats: Array(seats))
        }
        var result = Postcodes()
        for (postcode, territories) in territoriesOfPostcode {
            result.places[postcode] = territories.map { place($0, seats: seatsOf[postcode + " " + $0] ?? []) }
        }
        for (key, territories) in codesByName {
            result.byLaPosteName[key] = territories.map { communes[$0] ?? arrondissements[$0] ?? place($0, seats: territorySeats[$0] ?? []) }
        }
        return result
    }()

    /// The rows of a generated table, each split at `;`.
    static func rows(_ table: String) -> [Row] {
        // Split as UTF-8 bytes: `\n` and `;` are never part of another character, and bytes go faster than graphemes.
        table.utf8.split(separator: UInt8(ascii: "\n")).map { line in
            line.split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: false).map { Substring($0) }
        }
    }

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
