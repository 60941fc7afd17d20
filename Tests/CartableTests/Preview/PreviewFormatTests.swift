import Foundation
import Testing
@testable import Cartable

@Suite("Preview formats")
struct PreviewFormatTests {
    @Test func jsonLinesCarryEveryFieldAndTheExactText() throws {
        let (composer, recipients) = try PreviewFixtures.fixture("hostile.yml")
        let (text, summary) = PreviewFixtures.render(composer, recipients, .jsonl)
        let lines = text.split(separator: "\n")
        #expect(lines.count == summary.messages)
        var messages: [Message] = []
        _ = PreviewRun.run(composer, recipients: recipients) { messages.append($0) }
        for (line, message) in zip(lines, messages) {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let recipient = try #require(object["recipient"] as? [String: Any])
            #expect(recipient["id"] as? String == message.recipient.id)
            #expect(recipient["name"] as? String == message.recipient.name)
            #expect(recipient["handle"] as? String == message.recipient.twitter)
            #expect(recipient["group"] as? String == message.recipient.group)
            #expect(recipient["department"] as? String == message.recipient.department)
            #expect(object["text"] as? String == message.text)
            #expect(object["weightedLength"] as? Int == message.measurement.weightedLength)
            #expect(object["valid"] as? Bool == message.isValid)
            #expect(object["variant"] as? String == message.variantID)
            #expect(object["intentURL"] as? String == message.intentURL)
            #expect(object["idempotencyKey"] as? String == message.idempotencyKey.rawValue)
            #expect((object["problems"] as? [Any])?.count == message.problems.count)
        }
    }

    @Test("the intent link and the key, written in pieces, read back as the texts they stand for, whatever they hold")
    func linkAndKeyWrittenInPieces() throws {
        let (composer, recipients) = try PreviewFixtures.fixture("hostile.yml")
        var composed: [Message] = []
        _ = PreviewRun.run(composer, recipients: recipients) { composed.append($0) }
        let base = try #require(composed.first { $0.isValid && $0.intentLinkPrefix != nil })
        let prefixes: [String?] = [
            nil, "", "https://x.com/intent/post?text=", #"https://a.example/"quoted",;share?text="#, "-leading?text=", "=cmd|' /C calc'!A0?t=",
            " spaced ", "line\nbreak\u{2028}?text=",
        ]
        let keys = [
            base.idempotencyKey,
            IdempotencyKey(campaign: "c\"1", supporter: "s/1%2F", recipient: #"r\,;"#, channelName: "x\u{2029}\t"),
            IdempotencyKey(campaign: "=c", supporter: "", recipient: "-r", channelName: "@x"),
        ]
        for prefix in prefixes {
            for key in keys {
                for text in [base.text, "-" + base.text, "« é » ✨ \"q\" , ;"] {
                    var message = base
                    message.intentLinkPrefix = prefix
                    message.idempotencyKey = key
                    message.text = text
                    let object = try #require(try JSONSerialization.jsonObject(with: Data(PreviewJSON.message(message).utf8)) as? [String: Any])
                    #expect(object["intentURL"] as? String == message.intentURL, "prefix \(String(describing: prefix))")
                    #expect(prefix != nil || object["intentURL"] is NSNull)
                    #expect(object["idempotencyKey"] as? String == key.rawValue)

                    let row = PreviewCSV.row(for: message)
                    #expect(row == CSVWriter.line([
                        message.recipient.id, message.recipient.name, message.recipient.handle(on: message.channel) ?? "", message.recipient.group ?? "",
                        message.recipient.department ?? "", message.variantID ?? "", String(message.measurement.weightedLength),
                        String(message.measurement.maxLength), "true", "", text, message.intentURL ?? "", key.rawValue,
                    ]), "each cell as the writer writes it alone")
                    let fields = try #require(CSVTable(parsing: PreviewCSV.header + row).rows.first?.fields)
                    #expect(fields[11] == message.intentURL ?? "")
                    #expect(fields[12] == key.rawValue)
                }
            }
        }
    }

    @Test func jsonIsOneDocumentWithTheSummary() throws {
        for (composer, recipients) in [try PreviewFixtures.fixture("too-long.yml"), try PreviewFixtures.shipped("ess-2026.yml")] {
            let (text, summary) = PreviewFixtures.render(composer, recipients, .json)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            #expect((object["messages"] as? [Any])?.count == summary.messages)
            let counts = try #require(object["summary"] as? [String: Any])
            #expect(counts["tooLong"] as? Int == summary.tooLong)
            #expect(counts["unreachable"] as? Int == summary.unreachable)
            #expect((counts["variants"] as? [String: Int])?.values.reduce(0, +) == summary.messages)
        }
        let empty = try PreviewFixtures.fixture("too-long.yml")
        let none = PreviewFixtures.render(empty.composer, empty.recipients, .json, options: PreviewOptions(filter: RecipientFilter(groups: ["NONE"])))
        #expect((try JSONSerialization.jsonObject(with: Data(none.text.utf8)) as? [String: Any])?["messages"] as? [Any] != nil)
    }

    @Test func csvCellsThatASpreadsheetWouldRunAreNeutralised() throws {
        #expect(CSVWriter.neutralised("=1+1") == "'=1+1")
        #expect(CSVWriter.neutralised("+33 1") == "'+33 1")
        #expect(CSVWriter.neutralised("-2") == "'-2")
        #expect(CSVWriter.neutralised("@SUM(A1)") == "'@SUM(A1)")
        #expect(CSVWriter.neutralised("\t=1") == "'\t=1")
        #expect(CSVWriter.neutralised(".@handle =1") == ".@handle =1")
        #expect(CSVWriter.neutralised("") == "")

        let (composer, recipients) = try PreviewFixtures.fixture("hostile.yml")
        let (text, summary) = PreviewFixtures.render(composer, recipients, .csv)
        let table = CSVTable(parsing: text)
        #expect(table.header == PreviewCSV.columns)
        #expect(table.rows.count == summary.messages)
        #expect(table.rows.allSatisfy { $0.fields.count == PreviewCSV.columns.count })
        #expect(text == CSVWriter.text([table.header] + table.rows.map(\.fields)), "every cell went through the one writer")
        let names = table.rows.map { $0.fields[1] }
        #expect(names.contains("=HYPERLINK(\"http://evil.example\",\"clic\")"), "read back as it was")
        #expect(text.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"clic\"\")\""), "written with the mark a spreadsheet shows as text")
        #expect(names.contains("<script>alert(1)</script>"), "HTML is not CSV's business: kept as text")
    }

    @Test func htmlEscapesEveryValueFromTheData() throws {
        let (composer, recipients) = try PreviewFixtures.fixture("hostile.yml")
        let (html, summary) = PreviewFixtures.render(composer, recipients, .html)
        #expect(!html.contains("<script>alert"), "the name is text, not a tag")
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!html.contains("<img"), "a group that closes an attribute stays inside it")
        #expect(html.contains("data-group=\"&quot;&gt;&lt;img src=x onerror=alert(2)&gt;\""))
        #expect(html.contains("Noms &lt;b&gt;hostiles&lt;/b&gt; &amp; compagnie"))
        #expect(html.contains("Anne &amp; Jean &#39;Quote&#39; O&#39;Neil"))
        #expect(html.components(separatedBy: "<article class=\"card").count - 1 == summary.messages)
        #expect(html.components(separatedBy: "<script>").count == 2, "one script: the page's own")
        #expect(HTMLText.escaped("<a href=\"x\">&'") == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;")
        // Written straight into a page's bytes: the same escaping, after what the page holds, other characters as they are.
        var page = Array("<p>".utf8)
        HTMLText.appendEscaped("Jérôme <b>&'\"ü\"'</b> 🇫🇷", to: &page)
        #expect(String(decoding: page, as: UTF8.self) == "<p>Jérôme &lt;b&gt;&amp;&#39;&quot;ü&quot;&#39;&lt;/b&gt; 🇫🇷")
        HTMLText.appendEscaped("plain", to: &page)
        #expect(String(decoding: page, as: UTF8.self).hasSuffix("🇫🇷plain"))
    }

    @Test func htmlIsSelfContainedAndShowsProblemsFirst() throws {
        let (composer, recipients) = try PreviewFixtures.fixture("fallbacks.yml")
        let tooLong = try PreviewFixtures.fixture("too-long.yml")
        let (html, _) = PreviewFixtures.render(tooLong.composer, tooLong.recipients, .html)
        for external in ["src=", "<link", "@import", "url("] {
            #expect(!html.contains(external), "\(external)")
        }
        #expect(html.contains("Content-Security-Policy"))
        let problems = try #require(html.range(of: "id=\"problems\""))
        let firstProblemCard = try #require(html.range(of: "class=\"card problem\""))
        let messagesSection = try #require(html.range(of: "id=\"messages\""))
        #expect(problems.lowerBound < firstProblemCard.lowerBound && firstProblemCard.lowerBound < messagesSection.lowerBound)
        let fitted = PreviewFixtures.render(composer, recipients, .html).text
        #expect(fitted.contains("instead of long"))
        #expect(fitted.contains("1 optional part(s) left out"))
        #expect(fitted.contains("href=\"https://x.com/intent/post?text="))
    }

    @Test func theTableMarksProblemsAndWritesNoColourUnlessAsked() throws {
        let (composer, recipients) = try PreviewFixtures.fixture("too-long.yml")
        let plain = PreviewFixtures.render(composer, recipients, .table).text
        #expect(!plain.contains("\u{1B}["))
        #expect(plain.contains("✗ 164/140 ██████████ long"))
        #expect(plain.contains("✗ too long: 164/140, 24 over the limit"))
        #expect(plain.contains("recipients reached 0 of 4 targets"))
        #expect(plain.contains("unreachable        1 without a twitter handle: Jean Sans Compte"))
        var renderer = PreviewRenderer(format: .table, campaign: composer.campaign, colors: true)
        var coloured = ""
        let summary = PreviewRun.run(composer, recipients: recipients) { coloured += renderer.add($0) }
        coloured += renderer.end(summary)
        #expect(coloured.contains("\u{1B}[31m✗\u{1B}[0m"))
        #expect(PreviewTable.gauge(Measurement(weightedLength: 70, maxLength: 140, valid: true, permillage: 500, displayRangeStart: 0, displayRangeEnd: 69, validRangeStart: 0, validRangeEnd: 69)) == "█████░░░░░")
    }

    @Test func formatsFromFileExtensions() {
        #expect(PreviewFormat(fileExtension: "HTML") == .html)
        #expect(PreviewFormat(fileExtension: "jsonl") == .jsonl)
        #expect(PreviewFormat(fileExtension: "csv") == .csv)
        #expect(PreviewFormat(fileExtension: "pdf") == nil)
    }
}

@Suite("Preview of a large list")
struct LargePreviewTests {
    /// `fixture`'s list repeated under new ids until it gives `count` recipients.
    static func repeated(_ recipients: [Recipient], to count: Int) -> [Recipient] {
        (0..<count).map { index in
            var recipient = recipients[index % recipients.count]
            recipient.id += "-\(index)"
            return recipient
        }
    }

    @Test("table and HTML show every problem and the first 1,000 valid messages, and say how many more there are")
    func tableAndReportShowASample() throws {
        // The 2024 deputies under new ids, and every 100th one with a department name too long for its message.
        let (composer, deputies) = try PreviewFixtures.shipped("ess-2026.yml")
        let recipients = Self.repeated(deputies, to: 3_000).enumerated().map { index, deputy in
            var recipient = deputy
            if index % 100 == 0 { recipient.departmentName = String(repeating: "Trop-long ", count: 40) }
            return recipient
        }
        for format in [PreviewFormat.table, .html] {
            let (text, summary) = PreviewFixtures.render(composer, recipients, format)
            try #require(summary.valid > PreviewRenderer.validMessagesShown && summary.problems > 0, "the fixture gives both")
            let leftOut = summary.valid - PreviewRenderer.validMessagesShown
            let lines = text.split(separator: "\n")
            let (validShown, problemsShown) = format == .table
                ? (lines.count { $0.hasPrefix("✓ ") }, lines.count { $0.hasPrefix("✗ ") })
                : (text.components(separatedBy: "<article class=\"card\"").count - 1, text.components(separatedBy: "<article class=\"card problem\"").count - 1)
            #expect(validShown == PreviewRenderer.validMessagesShown, "\(format)")
            #expect(problemsShown == summary.problems, "\(format): every problem")
            #expect(text.contains("\(leftOut) more valid messages are not shown here"), "\(format)")
        }
        let (jsonl, summary) = PreviewFixtures.render(composer, recipients, .jsonl)
        #expect(jsonl.split(separator: "\n").count == summary.messages, "the formats for programs have everything")
    }

    @Test("the 577 deputies are shown whole")
    func deputiesAreShownWhole() throws {
        let (composer, recipients) = try PreviewFixtures.shipped("ess-2026.yml")
        let (text, summary) = PreviewFixtures.render(composer, recipients, .table)
        #expect(text.split(separator: "\n").count { $0.hasPrefix("✓ ") } == summary.valid)
        #expect(!text.contains("not shown here"))
        let (html, _) = PreviewFixtures.render(composer, recipients, .html)
        #expect(html.components(separatedBy: "<article class=\"card").count - 1 == summary.messages)
    }
}
