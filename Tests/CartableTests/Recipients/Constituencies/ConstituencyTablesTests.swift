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

    /// The CSV's rows reduced to `columns`, joined as the generated table joins them.
    static func projected(_ name: String, _ columns: [String]) throws -> [String] {
        let table = try csv(name)
        let indexes = try columns.map { column in try #require(table.header.firstIndex(of: column), "\(name) has no column \(column)") }
        return table.rows.map { row in indexes.map { row.fields[$0] }.joined(separator: ";") }
    }

    static func generated(_ table: String) -> [String] {
        ConstituencyData.rows(table).map { $0.joined(separator: ";") }
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
        #expect(firstDifference == nil, "\(file) line \((firstDifference?.offset ?? 0) + 2): run `make constituencies`")
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
        let list = try RecipientList.load(contentsOf: RepositoryFiles.url("Recipients/deputes-2024.csv"))
        let listed = Set(list.recipients.compactMap { Seat(of: $0) })
        #expect(listed.count == 577)
        let communes = Set(ConstituencyData.communes.values.flatMap(\.seats))
        let abroad = Set(ConstituencyData.consularPostsByName.values.flatMap { $0.flatMap(\.seats) })
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
