import Foundation
import Testing
@testable import Cartable

/// The streaming reader `cartable preview` uses must give what `RecipientList` (and so `cartable lint`) gives.
@Suite("Recipient stream")
struct RecipientStreamTests {
    static func compare(_ url: URL, mapping: ColumnMapping = .cartable, overrides: URL? = nil) throws {
        var list = try RecipientList.load(contentsOf: url, displayPath: url.lastPathComponent, mapping: mapping)
        if let overrides {
            let (loaded, problems) = try RecipientOverrides.load(contentsOf: overrides, displayPath: overrides.lastPathComponent)
            list.diagnostics += problems
            loaded.apply(to: &list)
        }
        let stream = try RecipientStream(contentsOf: url, displayPath: url.lastPathComponent, mapping: mapping,
                                         overrides: overrides, overridesDisplayPath: overrides?.lastPathComponent)
        let streamed = Array(stream)
        #expect(streamed == list.recipients, "\(url.lastPathComponent)")
        let errors = { (diagnostics: [Diagnostic]) in diagnostics.errors.map { "\($0.file):\($0.line ?? 0)" }.sorted() }
        #expect(errors(stream.diagnostics) == errors(list.diagnostics), "\(url.lastPathComponent)")
        #expect(stream.report.rejectedRecords == list.report.rejectedRecords, "\(url.lastPathComponent)")
        #expect(stream.report.recordsRead == list.report.recordsRead, "\(url.lastPathComponent)")
    }

    @Test(arguments: ["base.csv", "bom-crlf.csv", "departments.csv", "duplicates.csv", "handles.csv", "malformed-row.csv",
                      "quoted-newline.csv", "semicolon.csv", "tab.csv", "windows-1252.csv", "people.json"])
    func streamsTheSameRecipientsAndErrorsAsTheLoadedList(name: String) throws {
        try Self.compare(Fixtures.url("recipients/" + name))
    }

    @Test("a UTF-8 list with one stray Windows-1252 byte: one decision, record by record, and one warning, the same in both (issue 17, item 17)")
    func oneStrayByteIsDecidedTheSameWayByBothReaders() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cartable-stray-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        var bytes = Array("id,name\nD1,Jérôme Guedj\nD2,H".utf8)
        bytes += [0xE9] + Array("lène Arc\nD3,Zoé Martin\n".utf8)
        try Data(bytes).write(to: url)
        let list = try RecipientList.load(contentsOf: url, displayPath: "stray.csv")
        let stream = try RecipientStream(contentsOf: url, displayPath: "stray.csv")
        let streamed = Array(stream)
        #expect(list.recipients.map(\.name) == ["Jérôme Guedj", "Hélène Arc", "Zoé Martin"])
        #expect(streamed.map(\.name) == list.recipients.map(\.name))
        let warning = "stray.csv:3:1: warning: line 3 is not valid UTF-8; read as Windows-1252"
        #expect(list.diagnostics.map(\.headline) == [warning])
        #expect(stream.diagnostics.map(\.headline) == [warning])
    }

    @Test("fields the reader takes as clean text while splitting a row read as the loaded list cleans them, whatever their whitespace, accents or marks")
    func rowsTakenAsCleanAreClean() throws {
        let values = [
            "Plain", "Two words", " leading", "trailing ", "double  space", "tab\there", "nbsp\u{A0}here", "thin\u{2009}space",
            "Éric", "e\u{301}cole", "Ǆ", "\u{1E9B}\u{323}", "’apostrophe", "'=neutralised", "'\ttabbed", "'plain quote", "«  »",
            "x\u{3000}y", "\u{85}", "ok-é", "",
        ]
        var text = "id,name,first_name,group,department,twitter\n"
        for (index, value) in values.enumerated() {
            for (other, second) in values.enumerated() where (index + other) % 3 == 0 {
                text += "r\(index)-\(other),\(value.isEmpty ? "N" : value) \(index),\(second),\(value),\(other % 2 == 0 ? "13" : "2a"),h\(index)\n"
            }
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("clean-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(text.utf8).write(to: url)
        try Self.compare(url)

        var reader = CSVReader(bytes: Array(text.utf8))
        var clean = 0, checked = 0
        while let row = try reader.nextRow() {
            checked += 1
            guard row.fieldsAreClean else { continue }
            clean += 1
            for field in row.fields { #expect(RecipientRecordReader.cleanText(field) == field, "\(row.fields)") }
        }
        #expect(clean > 0 && clean < checked, "both kinds of rows: \(clean) of \(checked) taken as clean")
    }

    @Test func appliesOverridesLikeTheLoadedList() throws {
        try Self.compare(Fixtures.url("campaigns/deputies.csv"), overrides: Fixtures.url("campaigns/deputies-overrides.yml"))
        try Self.compare(Fixtures.url("recipients/base.csv"), overrides: Fixtures.url("recipients/overrides.yml"))
        try Self.compare(Fixtures.url("campaigns/hostile.csv"))
    }

    @Test func theShippedListsStreamAsTheyLoad() throws {
        try Self.compare(RepositoryFiles.url("Campaigns/Recipients/deputes-2012-07-01.csv"))
        try Self.compare(RepositoryFiles.url("Campaigns/Recipients/deputes-2024.csv"))
    }

    @Test func recordsAcrossBlockBoundaries() throws {
        // Quoted fields with line breaks and doubled quotes, CRLF and CR line ends, spread over several 64 KiB blocks.
        var text = "\u{FEFF}id;name;group;twitter\r\n"
        for index in 0..<6000 {
            let name = index % 7 == 0 ? "\"Nom \"\"cité\"\" \(index)\nsuite\"" : "Député·e \(index)"
            text += "R\(index);\(name);G\(index % 5);handle\(index)" + (index % 11 == 0 ? "\r" : index % 2 == 0 ? "\r\n" : "\n")
            if index % 1000 == 0 { text += "\n" }
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("stream-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        try Self.compare(url)
        let stream = try RecipientStream(contentsOf: url)
        #expect(Array(stream).count == 6000)
    }

    @Test func aQuoteNeverClosedIsTheSameErrorStreamedAsLoaded() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("stream-\(UUID().uuidString).csv")
        try Data("id,name,twitter\nR1,Ann,ann\nR2,\"Bob,bob\nR3,Cy,cy\n".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        try Self.compare(url)
        let stream = try RecipientStream(contentsOf: url)
        _ = Array(stream)
        #expect(stream.diagnostics.errors.contains { $0.message.contains("never closed") && $0.line == 3 }, "\(stream.diagnostics)")
    }

    @Test("asked to, the stream finds the handles two recipients share where the loaded list does, naming the earlier row")
    func sharedHandlesAreFoundWhenAsked() throws {
        let url = Fixtures.url("recipients/duplicates.csv")
        let list = try RecipientFixtures.load("duplicates.csv")
        let stream = try RecipientStream(contentsOf: url, displayPath: "duplicates.csv", findingSharedHandles: true)
        _ = Array(stream)
        let shared = stream.diagnostics.filter { $0.message.contains("same twitter handle") }
        #expect(shared.map(\.line) == RecipientFixtures.diagnostics(list, mentioning: "same twitter handle").map(\.line))
        #expect(shared.first?.severity == .warning)
        #expect(shared.first?.message.contains("as row 2") == true, "\(shared)")
        #expect(stream.report.duplicates == list.report.duplicates)
        let unasked = try RecipientStream(contentsOf: url, displayPath: "duplicates.csv")
        _ = Array(unasked)
        #expect(!unasked.diagnostics.contains { $0.message.contains("same twitter handle") })
    }

    @Test func anUnreadableFileThrows() {
        #expect(throws: RecipientListError.self) {
            _ = try RecipientStream(contentsOf: URL(fileURLWithPath: "/nonexistent/list.csv"))
        }
    }

    @Test("a table's row and the same record by name are equal and hash alike; a later column of the same name wins")
    func recordsCompareByTheirValues() {
        let row = SourceRecord(line: 3, row: 3, fields: ["d1", "Jean", "x", "jean"], header: ["id", "name", "twitter", "twitter"])
        let named = SourceRecord(line: 3, label: "row 3", values: ["id": "d1", "name": "Jean", "twitter": "jean"])
        #expect(row == named)
        #expect(row.hashValue == named.hashValue)
        #expect(row != SourceRecord(line: 3, label: "row 3", values: ["id": "d1", "name": "Jeanne", "twitter": "jean"]))
        let short = SourceRecord(line: 4, row: 4, fields: ["d2"], header: ["id", "name"])
        #expect(short.values == ["id": "d2"])
    }

    @Test("a table's row is labelled by its number, as a record by name is by its label")
    func rowLabels() {
        #expect(SourceRecord(line: 7, row: 7, fields: ["d1"], header: ["id"]).label == "row 7")
        var relabelled = SourceRecord(line: 7, row: 7, fields: ["d1"], header: ["id"])
        relabelled.label = "record 1"
        #expect(relabelled.label == "record 1")
    }

    @Test("a field's index is its place among all fields, so the reader's tables by index line up")
    func fieldIndexes() {
        #expect(RecipientField.allCases.map(\.index) == Array(0..<RecipientField.allCases.count))
    }
}
