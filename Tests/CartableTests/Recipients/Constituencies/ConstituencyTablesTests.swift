import Foundation
import Testing
@testable import Cartable

/// The tables compiled into the library are the shipped CSVs (`Recipients/constituencies/`), row for row, and the
/// finder answers what the CSVs say for every postcode and every commune.
@Suite("Constituency tables")
struct ConstituencyTablesTests {
    /// A shipped CSV, read with the project's CSV reader.
    static func csv(_ name: String) throws -> CSVTable {
        let text = try String(contentsOf: RepositoryFiles.url("Recipients/constituencies/" + name), encoding: .utf8)
        let table = CSVTable(parsing: text, delimiter: .semicolon)
        #expect(!table.hasUnterminatedQuote)
        return table
    }

    /// The CSV's rows reduced to `columns`, joined as the generated table joins them, in the generated order: by the
    /// first column's UTF-8 bytes, rows with the same first column in the CSV's order.
    static func projected(_ name: String, _ columns: [String]) throws -> [String] {
        let table = try csv(name)
        let indexes = try columns.map { column in try #require(table.header.firstIndex(of: column), "\(name) has no column \(column)") }
        let rows = table.rows.enumerated().map { entry in (entry.offset, indexes.map { entry.element.fields[$0] }) }
        return rows.sorted { lhs, rhs in
            let (left, right) = (Array(lhs.1[0].utf8), Array(rhs.1[0].utf8))
            return left == right ? lhs.0 < rhs.0 : left.lexicographicallyPrecedes(right)
        }.map { $0.1.joined(separator: ";") }
    }

    static func generated(_ table: String) -> [String] {
        SortedRows(text: table).allRows.map { $0.joined(separator: ";") }
    }

    @Test(arguments: [
        ("communes_circonscriptions.csv", ["code_commune", "nom_commune", "dep", "circo"], 35_232),
        ("arrondissements_plm_circonscriptions.csv", ["code_arrondissement", "nom_arrondissement", "dep", "circo"], 71),
        ("codes_postaux_circonscriptions.csv", ["code_postal", "code_insee_resolu", "nom_commune_laposte", "localite", "dep", "circo"], 35_969),
        ("etranger_consulats_circonscriptions.csv", ["poste_consulaire", "dep", "circo"], 224),
    ])
    func theGeneratedSourceIsTheShippedCSVRowForRow(file: String, columns: [String], count: Int) throws {
        let table: String = switch file {
        case "communes_circonscriptions.csv": ConstituencyTables.communes
        case "arrondissements_plm_circonscriptions.csv": ConstituencyTables.arrondissements
        case "codes_postaux_circonscriptions.csv": ConstituencyTables.postcodes
        default: ConstituencyTables.consularPosts
        }
        let expected = try Self.projected(file, columns)
        let rows = Self.generated(table)
        #expect(expected.count == count)
        #expect(rows.count == expected.count, "run `make constituencies` after changing \(file)")
        let firstDifference = zip(rows, expected).enumerated().first { $0.element.0 != $0.element.1 }
        #expect(firstDifference == nil, "\(file), sorted row \(firstDifference?.offset ?? 0): run `make constituencies`")
    }

    /// The name index, rebuilt here with the library's own folding (`PlaceName.key`) from the shipped CSVs: the
    /// generator's Python folding must give the same keys, or a commune would not be found by its name.
    @Test func theNameIndexIsWhatTheLibrarysFoldingMakesOfTheCSVs() throws {
        let communes = try Self.csv("communes_circonscriptions.csv")
        var expected = Set<String>()
        var communeKeys = Set<String>()
        for row in communes.rows {
            let key = PlaceName.key(row.fields[1])
            communeKeys.insert(key)
            expected.insert("\(key);c;\(row.fields[0])")
        }
        let postcodes = try Self.csv("codes_postaux_circonscriptions.csv")
        func column(_ name: String) throws -> Int { try #require(postcodes.header.firstIndex(of: name)) }
        let postcode = try column("code_postal"), territory = try column("code_insee_resolu")
        let laPoste = try column("nom_commune_laposte"), locality = try column("localite")
        for row in postcodes.rows {
            for name in [row.fields[laPoste], row.fields[locality]] where !name.isEmpty {
                let key = PlaceName.key(name)
                if !communeKeys.contains(key) { expected.insert("\(key);p;\(row.fields[territory]);\(row.fields[postcode])") }
            }
        }
        let generated = Self.generated(ConstituencyTables.placeNames)
        #expect(generated.count == expected.count)
        let missing = expected.subtracting(generated), extra = Set(generated).subtracting(expected)
        #expect(missing.isEmpty && extra.isEmpty, "missing \(missing.sorted().prefix(5)), extra \(extra.sorted().prefix(5)): run `make constituencies`")
    }

    @Test func everyPostcodeAnswersWithTheSeatsOfItsRows() throws {
        let table = try Self.csv("codes_postaux_circonscriptions.csv")
        let postcode = try #require(table.header.firstIndex(of: "code_postal"))
        let department = try #require(table.header.firstIndex(of: "dep"))
        let number = try #require(table.header.firstIndex(of: "circo"))
        var expected: [String: Set<String>] = [:]
        for row in table.rows {
            let seat = row.fields[department].isEmpty ? [] : ["\(row.fields[department])-\(row.fields[number])"]
            expected[row.fields[postcode], default: []].formUnion(seat)
        }
        #expect(expected.count == 6_328)
        var mismatches: [String] = []
        for (code, seats) in expected where Set(ConstituencyFinder.lookUp(postcode: code).seats.map(\.description)) != seats {
            mismatches.append(code)
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
        // The README's figures: 5,356 postcodes reach exactly one seat, one (Clipperton's) none.
        #expect(expected.values.filter { $0.count == 1 }.count == 5_356)
        #expect(expected.values.filter(\.isEmpty).count == 1)
    }

    @Test func theTablesReachEverySeatOfTheShippedListWrittenTheSameWay() throws {
        let list = try RecipientList.load(contentsOf: RepositoryFiles.url("Campaigns/Recipients/deputes-2024.csv"))
        let listed = Set(list.recipients.compactMap { Seat(of: $0) })
        #expect(listed.count == 577)
        let communes = Set(ConstituencyData.communes.allRows.compactMap { ConstituencyData.seat($0[2], $0[3]) })
        let abroad = Set(ConstituencyData.consularPosts.values.flatMap { $0.flatMap(\.seats) })
        #expect(communes.count == 566 && abroad.count == 11)
        #expect(communes.union(abroad) == listed, "department codes and numbers written as the recipient lists write them")
    }

    @Test func everyCommuneIsFoundByItsNameWithItsSeats() throws {
        let table = try Self.csv("communes_circonscriptions.csv")
        var expected: [String: (name: String, seats: Set<String>)] = [:]
        for row in table.rows {
            expected[row.fields[0], default: (row.fields[1], [])].seats.insert("\(row.fields[2])-\(row.fields[3])")
        }
        #expect(expected.count == 35_047)
        var mismatches: [String] = []
        for (code, commune) in expected {
            let found = ConstituencyFinder.localities(named: commune.name).first { $0.code == code }
            if found.map({ Set($0.seats.map(\.description)) }) != commune.seats { mismatches.append("\(code) \(commune.name)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }
}
