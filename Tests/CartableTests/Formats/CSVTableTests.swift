import Foundation
import Testing
@testable import Cartable

@Suite("CSV reading")
struct CSVTableTests {
    @Test func detectsEachDelimiterFromTheHeader() {
        #expect(CSVTable(parsing: "a,b;c\n1,2;3\n").delimiter == .comma)
        #expect(CSVTable(parsing: "a;b;c\n1;2;3\n").delimiter == .semicolon)
        #expect(CSVTable(parsing: "a\tb\tc\n1\t2\t3\n").delimiter == .tab)
        // Delimiters inside quotes do not count.
        #expect(CSVTable(parsing: "\"a;b;c\",d\n").delimiter == .comma)
    }

    @Test func quotedFieldsKeepDelimitersQuotesAndLineBreaks() {
        let table = CSVTable(parsing: "name,note\r\n\"Dupont, Jean\",\"said \"\"hi\"\"\r\nthen left\"\r\nnext,row\r\n")
        #expect(table.header == ["name", "note"])
        #expect(table.rows.count == 2)
        #expect(table.rows[0].fields == ["Dupont, Jean", "said \"hi\"\r\nthen left"])
        #expect(table.rows[0].line == 2)
        // The quoted line break moved the next record one line further.
        #expect(table.rows[1].line == 4)
        #expect(table.hasUnterminatedQuote == false)
    }

    @Test func blankLinesAreSkippedAndAMissingFinalNewlineIsFine() {
        let table = CSVTable(parsing: "a,b\n\n1,2\n\n3,4")
        #expect(table.rows.map(\.fields) == [["1", "2"], ["3", "4"]])
        #expect(table.rows.map(\.line) == [3, 5])
    }

    @Test func anUnclosedQuoteIsReported() {
        let table = CSVTable(parsing: "a,b\n\"open,2\n3,4\n")
        #expect(table.hasUnterminatedQuote)
    }

    @Test func emptyInputHasNoHeader() {
        let table = CSVTable(parsing: "")
        #expect(table.header.isEmpty)
        #expect(table.rows.isEmpty)
    }

    @Test func decodesUTF8WithByteOrderMarkAndFallsBackToWindows1252() {
        let bom = DecodedText(decoding: Data([0xEF, 0xBB, 0xBF] + Array("é".utf8)))
        #expect(bom.hadByteOrderMark)
        #expect(bom.encoding == .utf8)
        #expect(bom.text == "é")
        let legacy = DecodedText(decoding: Data([0x4A, 0xE9, 0x92, 0x80, 0x9C]))
        #expect(legacy.encoding == .windows1252)
        #expect(legacy.text == "Jé’€œ")
    }

    @Test func theStreamingReaderGivesTheTableRowsBlockAfterBlock() throws {
        // Long enough to cross the reader's 64 KiB blocks inside quoted fields and CRLF pairs.
        var text = "\u{FEFF}id;note\r\n"
        for index in 0..<5_000 {
            text += index % 3 == 0 ? "\(index);\"on two\r\nlines; \"\"quoted\"\"\"\r\n" : "\(index);plain é\r\n"
            if index % 7 == 0 { text += "\r\n" }
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(text.utf8).write(to: url)
        var reader = try CSVReader(contentsOf: url)
        var streamed: [CSVRow] = []
        while let row = try reader.nextRow() { streamed.append(row) }
        let table = CSVTable(parsing: text)
        #expect(reader.delimiter == .semicolon && table.delimiter == .semicolon)
        #expect(table.header == ["id", "note"], "the byte order mark is not part of the first column's name")
        #expect(Array(streamed.dropFirst()) == table.rows)
        #expect(table.rows.count == 5_000)
        #expect(table.rows[3].fields == ["3", "on two\r\nlines; \"quoted\""])
    }

    @Test("records of every kind, streamed across blocks, read as written, on their lines")
    func everyKindOfRecordAcrossBlocks() throws {
        // Simple records (read straight from the buffer) between records that need the byte-by-byte reading:
        // quoted, blank lines, CR and CRLF ends, a Windows-1252 record, a neutralised cell; line ends split
        // across the reader's 64 KiB blocks somewhere among 20,000 records.
        var bytes: [UInt8] = Array("id,name,note\n".utf8)
        var expected: [(line: Int, fields: [String])] = []
        var line = 2
        let ends = ["\n", "\r\n", "\r"]
        for index in 0..<20_000 {
            let end = ends[index % 3]
            switch index % 11 {
            case 0:
                bytes += Array("\(index),\"Dupont, Jean\",\"two\nlines\"\(end)".utf8)
                expected.append((line, ["\(index)", "Dupont, Jean", "two\nlines"]))
                line += 2
            case 1:
                bytes += Array("\r\n".utf8)  // a blank line (after a lone CR, a lone LF would end that record)
                line += 1
                continue
            case 2:
                bytes += Array("\(index),J".utf8) + [0xE9, 0x92] + Array(",x\(end)".utf8)  // not UTF-8
                expected.append((line, ["\(index)", "Jé’", "x"]))
                line += 1
            case 3:
                bytes += Array("\(index),'=SUM(A1),'plain\(end)".utf8)
                expected.append((line, ["\(index)", "=SUM(A1)", "'plain"]))
                line += 1
            case 4:
                bytes += Array(",,\(end)".utf8)
                expected.append((line, ["", "", ""]))
                line += 1
            default:
                bytes += Array("\(index),Élise Lévêque-\(index),ok\(end)".utf8)
                expected.append((line, ["\(index)", "Élise Lévêque-\(index)", "ok"]))
                line += 1
            }
        }
        bytes += Array("last,row,without end".utf8)
        expected.append((line, ["last", "row", "without end"]))
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(bytes).write(to: url)
        var reader = try CSVReader(contentsOf: url)
        #expect(try reader.nextRow()?.fields == ["id", "name", "note"])
        var rows: [CSVRow] = []
        while let row = try reader.nextRow() { rows.append(row) }
        #expect(rows.count == expected.count)
        for (row, wanted) in zip(rows, expected) where row.line != wanted.line || row.fields != wanted.fields {
            Issue.record("line \(row.line) \(row.fields), expected line \(wanted.line) \(wanted.fields)")
            break
        }
        #expect(reader.nonUTF8Records.warning(path: "x.csv") != nil)
        #expect(!reader.hasUnterminatedQuote)
    }

    @Test func writerQuotesOnlyWhatNeedsIt() {
        let text = CSVWriter.text([["a", "b,c", "say \"x\"", "line\nbreak", " padded"]])
        #expect(text == "a,\"b,c\",\"say \"\"x\"\"\",\"line\nbreak\",\" padded\"\n")
        let back = CSVTable(parsing: "h1,h2,h3,h4,h5\n" + text)
        #expect(back.rows.first?.fields == ["a", "b,c", "say \"x\"", "line\nbreak", " padded"])
    }

    @Test("one writer for every CSV: formulas neutralised (OWASP), every cell holding a separator of any kind quoted")
    func writerNeutralisesFormulasAndQuotesSeparators() {
        let cells = ["=HYPERLINK(\"http://evil.example\")", "+cmd|' /C calc'!A0", "@SUM(1)", "-2", "\t=1", "\r=1",
                     "Dupont;=cmd|' /C calc'!A0", "tab\there", "plain", ".@handle =1"]
        let text = CSVWriter.text([cells])
        #expect(text == #""'=HYPERLINK(""http://evil.example"")",'+cmd|' /C calc'!A0,'@SUM(1),'-2,"'\#t=1","'\#r=1","Dupont;=cmd|' /C calc'!A0","tab\#there",plain,.@handle =1\#n"#)
        let back = CSVTable(parsing: "h1,h2,h3,h4,h5,h6,h7,h8,h9,h10\n" + text)
        #expect(back.rows.first?.fields == cells, "what Cartable wrote reads back as it was, without the marks")
    }

    @Test("a cell that really starts with ' survives the round trip; a ' before anything else is the cell's own")
    func apostrophesRoundTrip() {
        let cells = ["'=x", "'", "''", "'Brien", "@ok"]
        let text = CSVWriter.text([cells])
        #expect(text == "''=x,'',''',''Brien,'@ok\n")
        #expect(CSVTable(parsing: "a,b,c,d,e\n" + text).rows.first?.fields == cells)
        #expect(CSVTable(parsing: "a,b\n'Brien,'x\n").rows.first?.fields == ["'Brien", "'x"], "a hand-written ' stays")
    }
}
