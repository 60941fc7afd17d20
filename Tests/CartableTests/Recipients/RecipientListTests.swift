import Foundation
import Testing
@testable import Cartable

@Suite("Recipient lists")
struct RecipientListTests {
    @Test("without an id column, a name that makes no id is refused, so the list reads back the same (a fuzzing finding)")
    func nameWithoutLettersMakesNoID() {
        let csv = "name,department\nJérôme Guedj,91\n),93\n"
        let list = RecipientList.load(csv: Data(csv.utf8), path: "no-id.csv")
        #expect(list.recipients.map(\.id) == ["jerome-guedj"])
        #expect(list.diagnostics.errors.count == 1)
        #expect(list.diagnostics.errors.first?.message.contains("has no id, and its name has no letter or digit") == true, "\(list.diagnostics)")
        let again = RecipientList.load(csv: Data(list.csvText().utf8), path: "again.csv")
        #expect(again.recipients == list.recipients && again.diagnostics.isEmpty, "\(again.diagnostics)")
    }

    @Test func semicolonCSV() throws {
        let list = try RecipientFixtures.load("semicolon.csv")
        #expect(list.recipients.map(\.name) == ["Jérôme Guedj", "Marie Curie"])
        #expect(list.recipients.first?.twitter == "JeromeGuedj")
        #expect(list.recipients.first?.constituencyKey == "91-6")
        #expect(list.diagnostics.isEmpty, "\(list.diagnostics)")
    }

    @Test func tabCSV() throws {
        let list = try RecipientFixtures.load("tab.csv")
        #expect(list.recipients.map(\.name) == ["Jérôme Guedj", "Marie, dite Curie"])
        #expect(list.recipients.last?.twitter == nil)
        #expect(list.reach(on: .twitter) == Reach(channel: .twitter, recipients: 2, reachable: 1))
    }

    @Test func windows1252IsReadWithAWarning() throws {
        let list = try RecipientFixtures.load("windows-1252.csv")
        #expect(list.encoding == .windows1252)
        #expect(list.recipients.map(\.name) == ["Jérôme Guedj", "Hélène d’Arc – Œuvre"])
        let warnings = RecipientFixtures.diagnostics(list, mentioning: "Windows-1252")
        #expect(warnings.count == 1)
        #expect(warnings.first?.severity == .warning)
        #expect(warnings.first?.line == 2, "at the first record read as Windows-1252")
        #expect(warnings.first?.message == "2 records are (the first on line 2) not valid UTF-8; read as Windows-1252")
    }

    @Test func byteOrderMarkAndCRLF() throws {
        let list = try RecipientFixtures.load("bom-crlf.csv")
        // Without stripping the BOM the first column would be "\u{FEFF}id" and every row would lack an id.
        #expect(list.recipients.map(\.id) == ["B1", "B2"])
        #expect(list.recipients.map(\.name) == ["Éric Coquerel", "Zoé Martin"])
        #expect(list.recipients.last?.department == "974")
        #expect(list.diagnostics.isEmpty, "\(list.diagnostics)")
    }

    @Test func quotedNewlinesInNamesAndHandles() throws {
        let list = try RecipientFixtures.load("quoted-newline.csv")
        #expect(list.recipients.map(\.name) == ["Anne de Bretagne", "Jean \"Le Grand\" Dupont", "Paul Petit"])
        #expect(list.recipients.first?.twitter == "AnneB")
        let repaired = RecipientFixtures.diagnostics(list, mentioning: "repaired")
        #expect(repaired.map(\.line) == [2])
        // The record after the two-line record starts on line 4.
        #expect(list.report.repairedHandles == 1)
    }

    @Test func everyMalformedHandleFormIsRepairedOrRejectedWithItsRow() throws {
        let list = try RecipientFixtures.load("handles.csv")
        let handles = Dictionary(uniqueKeysWithValues: list.recipients.map { ($0.id, $0.twitter) })
        #expect(list.recipients.count == 11, "a bad handle must not drop the recipient")
        #expect(handles["H1"] == "JeromeGuedj")
        #expect(handles["H2"] == "JeromeGuedj2")
        #expect(handles["H3"] == "FlorenceGoulet4")
        #expect(handles["H4"] == "paulchristophle")
        #expect(handles["H5"] == .some(nil))
        #expect(handles["H6"] == "SomeName")
        #expect(handles["H7"] == "TrailingName")
        #expect(handles["H8"] == .some(nil))
        #expect(handles["H9"] == "Full_Url")
        #expect(handles["H10"] == .some(nil))
        #expect(handles["H11"] == .some(nil))
        #expect(list.report.repairedHandles == 5)
        #expect(list.report.rejectedHandles == 3)
        let rejected = RecipientFixtures.diagnostics(list, mentioning: "handle rejected")
        #expect(rejected.map { String($0.message.prefix(7)) } == ["row 6 (", "row 9 (", "row 11 "])
        #expect(rejected.map(\.line) == [6, 10, 12], "lines count the quoted line break of row 8")
        #expect(rejected.allSatisfy { $0.severity == .warning && $0.hint != nil })
        #expect(RecipientFixtures.diagnostics(list, mentioning: "repaired").count == 5)
        #expect(list.reach(on: .twitter).reachable == 7)
    }

    @Test func departmentCodesAreUnified() throws {
        let list = try RecipientFixtures.load("departments.csv")
        let departments = Dictionary(uniqueKeysWithValues: list.recipients.map { ($0.id, $0.department) })
        #expect(departments["D1"] == "2A")
        #expect(departments["D2"] == "2A")
        #expect(departments["D3"] == "99")
        #expect(departments["D4"] == "99")
        #expect(departments["D5"] == "99")
        #expect(departments["D6"] == "01")
        #expect(departments["D7"] == .some(nil))
        #expect(departments["D8"] == "974")
        #expect(list.recipients.first { $0.id == "D2" }?.departmentName == "Corse-du-Sud")
        let warnings = list.diagnostics.warnings
        #expect(warnings.map(\.line) == [8, 10])
        #expect(warnings[0].message.contains("'20' is not a department code"))
        #expect(warnings[1].message.contains("constituency 'first'"))
    }

    @Test func duplicatesAreDetected() throws {
        let list = try RecipientFixtures.load("duplicates.csv")
        #expect(list.recipients.map(\.id) == ["P1", "P2"])
        #expect(list.report.rejectedRecords == 2)
        let errors = list.diagnostics.errors
        #expect(errors.count == 2)
        #expect(errors.contains { $0.line == 4 && $0.message.contains("duplicate id 'P1'") })
        #expect(errors.contains { $0.line == 5 && $0.message.contains("no name") })
        let shared = RecipientFixtures.diagnostics(list, mentioning: "same twitter handle")
        #expect(shared.count == 1)
        #expect(shared.first?.line == 3)
    }

    @Test func aRowWithTooManyFieldsIsRejectedNotShifted() throws {
        let list = try RecipientFixtures.load("malformed-row.csv")
        #expect(list.recipients.map(\.id) == ["M1", "M3"])
        #expect(list.diagnostics.errors.map(\.line) == [3])
        #expect(list.report.rejectedRecords == 1)
    }

    @Test func explicitColumnMapping() throws {
        let mapping = ColumnMapping(columns: [
            .id: "Identifiant", .name: "Nom complet", .twitter: "Compte X", .department: "Dépt",
            .constituency: "Circ.", .group: "Groupe",
        ])
        let list = try RecipientFixtures.load("custom-columns.csv", mapping: mapping)
        #expect(list.recipients.map(\.twitter) == ["JeromeGuedj", nil])
        #expect(list.recipients.map(\.constituencyKey) == ["91-6", "2B-1"])
        #expect(list.diagnostics.isEmpty, "\(list.diagnostics)")
    }

    @Test func aMappedColumnTheFileLacksIsAnErrorNamingTheColumns() throws {
        let list = try RecipientFixtures.load("semicolon.csv", mapping: .datan)
        #expect(list.recipients.isEmpty)
        let errors = list.diagnostics.errors
        #expect(errors.contains { $0.message.contains("'prenom'") })
        #expect(errors.allSatisfy { $0.hint?.contains("id, name, group") == true })
    }

    @Test func jsonRecordsWithNumbersAndNulls() throws {
        let list = try RecipientFixtures.load("people.json")
        #expect(list.recipients.map(\.id) == ["J1", "J2"])
        #expect(list.recipients.map(\.constituencyKey) == ["91-6", "75-1"])
        #expect(list.recipients.map(\.twitter) == ["JeromeGuedj", nil])
        #expect(list.diagnostics.isEmpty, "\(list.diagnostics)")
    }

    @Test func aMissingFileThrows() {
        #expect(throws: RecipientListError.self) {
            try RecipientList.load(contentsOf: URL(fileURLWithPath: "/nonexistent/list.csv"))
        }
        #expect(throws: RecipientListError.self) {
            try RecipientList.load(json: Data("{not json".utf8), path: "broken.json")
        }
    }

    @Test func writtenCSVReadsBackTheSame() throws {
        let list = try RecipientFixtures.load("quoted-newline.csv")
        let again = RecipientList.load(csv: Data(list.csvText().utf8), path: "again.csv")
        #expect(again.recipients == list.recipients)
    }
}
