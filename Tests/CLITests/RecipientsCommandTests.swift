import Foundation
import Testing

@Suite("cartable recipients", .runsOffThePool)
struct RecipientsCommandTests {
    static func json(_ stdout: String) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [[String: Any]])
    }

    @Test(arguments: [["guedj"], ["Jerome", "Guedj"], ["GUEDJ Jérôme"]])
    func searchFindsJeromeGuedjHoweverWritten(query: [String]) throws {
        let result = try CartableBinary.run(["recipients", "search"] + query + ["--from", RepositoryPaths.deputies2024, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let found = try Self.json(result.stdout)
        #expect(found.map { $0["name"] as? String } == ["Jérôme Guedj"])
        #expect(found.first?["twitter"] as? String == "JeromeGuedj")
    }

    @Test func searchInThe2012List() throws {
        // Jean-Marc Ayrault was seated on 2012-07-01 (he left for the government later that month).
        let result = try CartableBinary.run(["recipients", "search", "AYRAULT jean-marc", "--from", RepositoryPaths.deputies2012, "--format", "json"])
        let found = try Self.json(result.stdout)
        #expect(found.map { $0["id"] as? String } == ["jean-marc-ayrault"])
        #expect(found.first?["group"] as? String == "SRC")
        // Jérôme Guedj only took his seat later in July 2012, so he is not in the list of 2012-07-01.
        let later = try CartableBinary.run(["recipients", "search", "guedj", "--from", RepositoryPaths.deputies2012])
        #expect(later.status == 1)
    }

    @Test(arguments: [("20000", "2A"), ("20200", "2B"), ("97400", "974"), ("91000", "91")])
    func postcodeSearch(postcode: String, department: String) throws {
        let result = try CartableBinary.run(["recipients", "search", postcode, "--from", RepositoryPaths.deputies2024, "--format", "json"])
        #expect(result.status == 0)
        let found = try Self.json(result.stdout)
        #expect(!found.isEmpty)
        #expect(found.allSatisfy { $0["department"] as? String == department })
    }

    @Test func aPostcodeFindsTheDeputyOfItsOwnConstituency() throws {
        let result = try CartableBinary.run(["recipients", "search", "91300", "--from", RepositoryPaths.deputies2024])
        #expect(result.status == 0)
        #expect(result.stdout.contains("PA1567  Jérôme Guedj"))
        #expect(result.stdout.split(separator: "\n").count == 2, "the header and Jérôme Guedj alone")
        #expect(result.stderr.contains("matched postcode 91300 → Essonne 6th constituency"))

        let split = try CartableBinary.run(["recipients", "search", "01000", "--from", RepositoryPaths.deputies2024, "--format", "json"])
        #expect(try Self.json(split.stdout).map { $0["name"] as? String } == ["Xavier Breton", "Jérôme Buisson"])
        let table = try CartableBinary.run(["recipients", "search", "01000", "--from", RepositoryPaths.deputies2024])
        #expect(table.stderr.contains("postcode 01000 spans 2 constituencies; the commune narrows it"), "\(table.stderr)")
    }

    @Test(arguments: [
        (["Évry-Courcouronnes"], ["Farida Amrani"]), (["evry", "courcouronnes"], ["Farida Amrani"]),
        (["Paris 11e"], ["Sophia Chikirou", "Emmanuel Grégoire"]), (["lyon", "1er"], ["Boris Tavernier"]),
        (["Londres"], ["Vincent Caure"]),
    ])
    func aCommuneArrondissementOrConsularPostFindsItsDeputies(query: [String], names: [String]) throws {
        let result = try CartableBinary.run(["recipients", "search"] + query + ["--from", RepositoryPaths.deputies2024, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Set(try Self.json(result.stdout).compactMap { $0["name"] as? String }) == Set(names))
    }

    @Test func aListWithoutConstituencyNumbersFallsBackToTheDepartment() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cartable-seats-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let list = folder.appendingPathComponent("no-constituencies.csv")
        try Data("""
            id,name,group,department
            E1,Une Députée,SOC,91
            E2,Un Député,DR,91
            S1,Autre Député,RN,93

            """.utf8).write(to: list)
        let result = try CartableBinary.run(["recipients", "search", "91300", "--from", list.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("E1") && result.stdout.contains("E2") && !result.stdout.contains("S1"))
        #expect(result.stderr.contains("this list has no constituency numbers: every deputy of Essonne (91)"), "\(result.stderr)")
    }

    @Test func tableAndCSVFormats() throws {
        let table = try CartableBinary.run(["recipients", "search", "guedj", "--from", RepositoryPaths.deputies2024])
        #expect(table.stdout.hasPrefix("ID"))
        #expect(table.stdout.contains("PA1567  Jérôme Guedj  SOC"))
        #expect(table.stdout.contains("@JeromeGuedj"))
        #expect(table.stderr.contains("matched name"))
        let csv = try CartableBinary.run(["recipients", "search", "guedj", "--from", RepositoryPaths.deputies2024, "--format", "csv"])
        #expect(csv.stdout.hasPrefix("id,name,first_name,last_name,group,"))
        #expect(csv.stdout.contains("\nPA1567,Jérôme Guedj,Jérôme,Guedj,SOC,"))
    }

    @Test func noMatchExitsWith1() throws {
        let result = try CartableBinary.run(["recipients", "search", "zzzqqq", "--from", RepositoryPaths.deputies2024])
        #expect(result.status == 1)
        #expect(result.stderr.contains("no recipient"))
    }

    @Test func listWithFilters() throws {
        let result = try CartableBinary.run([
            "recipients", "list", "--from", RepositoryPaths.deputies2024, "--group", "SOC", "--department", "91", "--format", "json",
        ])
        #expect(result.status == 0)
        let found = try Self.json(result.stdout)
        #expect(!found.isEmpty)
        #expect(found.allSatisfy { $0["group"] as? String == "SOC" && $0["department"] as? String == "91" })
        let bad = try CartableBinary.run(["recipients", "list", "--from", RepositoryPaths.deputies2024, "--department", "20"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("not a department code"))
    }

    @Test func listReadsOtherDialectsAndWarnsOnWindows1252() throws {
        let result = try CartableBinary.run(["recipients", "list", "--from", RepositoryPaths.recipientFixture("windows-1252.csv"), "--verbose", "--format", "csv"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Hélène d’Arc – Œuvre"))
        #expect(result.stderr.contains("windows-1252.csv:2:1: warning: 2 records are (the first on line 2) not valid UTF-8; read as Windows-1252"))
    }

    @Test func aMissingFileExitsWith2() throws {
        let result = try CartableBinary.run(["recipients", "list", "--from", "/nonexistent/list.csv"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("/nonexistent/list.csv: error: does not exist"))
    }

    @Test func importReproducesTheShippedListsAndReportsEveryRepair() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cartable-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let output2024 = directory.appendingPathComponent("2024.csv").path
        let result2024 = try CartableBinary.run([
            "recipients", "import", RepositoryPaths.path("Campaigns/Recipients/sources/leg17_2024_datan/deputes-active_2026-03-09.csv"),
            "--preset", "datan", "-o", output2024,
        ])
        #expect(result2024.status == 0, "\(result2024.stderr)")
        #expect(try String(contentsOfFile: output2024, encoding: .utf8) == String(contentsOfFile: RepositoryPaths.deputies2024, encoding: .utf8))
        #expect(result2024.stderr.contains("deputes-active_2026-03-09.csv:566:1: warning: row 566 (Romain Eskenazi): twitter handle rejected"))
        #expect(result2024.stderr.contains(":309:1: warning: row 309 (Florence Goulet): twitter handle '@X@FlorenceGoulet4' repaired to 'FlorenceGoulet4'"))
        #expect(result2024.stderr.contains("577 recipients: 376 reachable on twitter, 201 without a twitter handle"))

        let output2012 = directory.appendingPathComponent("2012.csv").path
        let result2012 = try CartableBinary.run([
            "recipients", "import",
            RepositoryPaths.path("Campaigns/Recipients/sources/leg14_2012_historique-groupes/deputes-historique-leg14.json"),
            "--preset", "nosdeputes", "--on", "2012-07-01",
            "--handles", RepositoryPaths.path("Campaigns/Recipients/sources/leg14_2012_twitter-parlementaires/deputes_2012-2017.csv"),
            "--handles-preset", "twitter-parlementaires", "-o", output2012,
        ])
        #expect(result2012.status == 0, "\(result2012.stderr)")
        #expect(try String(contentsOfFile: output2012, encoding: .utf8) == String(contentsOfFile: RepositoryPaths.deputies2012, encoding: .utf8))
        #expect(result2012.stderr.contains("577 records seated on 2012-07-01"))
    }

    @Test func importRejectsBadDatesAndMissingFiles() throws {
        let date = try CartableBinary.run(["recipients", "import", "x.json", "--preset", "nosdeputes", "--on", "1 July 2012"])
        #expect(date.status != 0)
        #expect(date.stderr.contains("YYYY-MM-DD"))
        let missing = try CartableBinary.run(["recipients", "import", "/nonexistent/x.csv", "--preset", "datan"])
        #expect(missing.status == 2)
    }
}
