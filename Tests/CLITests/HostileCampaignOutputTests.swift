import Foundation
import Testing

/// What the commands write when the campaign and its list come from someone hostile: no terminal escape reaches the
/// terminal, no CSV cell reads as a formula, invisible or control characters and empty messages are lint errors,
/// hints stay short, and links, hashtags and webhook URLs are checked for what they are.
@Suite("hostile campaigns: what the commands write", .runsOffThePool)
struct HostileCampaignOutputTests {
    /// A folder holding a campaign and its recipient list.
    struct CampaignFolder {
        let url: URL

        init(campaign: String, recipients: String) throws {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("cartable-hostile-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            try Data(campaign.utf8).write(to: url.appendingPathComponent("campaign.yml"))
            try Data(recipients.utf8).write(to: url.appendingPathComponent("deputies.csv"))
        }

        var campaign: String { url.appendingPathComponent("campaign.yml").path }
        var recipients: String { url.appendingPathComponent("deputies.csv").path }
        func cleanUp() { try? FileManager.default.removeItem(at: url) }
    }

    static func campaign(template: String = "{{name}}, votre cartable {{link}}", title: String = "Campagne",
                         link: String = "https://example.org/cause", hashtags: String = "[ESS]") -> String {
        """
        id: hostile
        title: "\(title)"
        organiser: Cartable
        language: fr
        link: "\(link)"
        hashtags: \(hashtags)
        channel: twitter
        recipients: deputies.csv
        templates:
          - id: t
            text: "\(template)"
        sending:
          per_recipient: {per_hour: 1, per_day: 1}
          hours: {from: "00:00", to: "24:00", time_zone: Europe/Paris}
        """
    }

    static let escapeName = "Esc\u{1B}]0;pwned\u{07}\u{1B}[2J\u{1B}[31mRED"

    static let formulaRecipients = """
        id,name,group,department,constituency,twitter
        D1,"=HYPERLINK(""http://evil.example"",""click"")",SOC,91,1,hyper
        D2,+cmd|' /C calc'!A0,SOC,91,2,plus
        D3,@SUM(1+1),SOC,91,3,atsum
        D4,Dupont;=cmd|' /C calc'!A0,SOC,91,4,dupont
        D5,-2+3,SOC,91,5,minus

        """

    /// The cells of `csv` as a spreadsheet splitting on `separator` reads them (quotes respected).
    static func cells(_ csv: String, separator: Character) -> [String] {
        var cells: [String] = []
        for line in csv.split(separator: "\n") {
            var cell = "", quoted = false
            for character in line {
                if character == "\"" {
                    quoted.toggle()
                } else if character == separator && !quoted {
                    cells.append(cell)
                    cell = ""
                } else {
                    cell.append(character)
                }
            }
            cells.append(cell)
        }
        return cells
    }

    static func expectNoFormula(_ csv: String, _ context: String) {
        #expect(!csv.isEmpty, "\(context): no output")
        for separator: Character in [",", ";"] {
            for cell in cells(csv, separator: separator) {
                if let first = cell.unicodeScalars.first {
                    #expect(!"=+-@\t\r".unicodeScalars.contains(first), "\(context), read with '\(separator)': a cell starts a formula: \(cell)")
                }
            }
        }
    }

    // MARK: 10. CSV formulas

    @Test("recipients list and search --format csv, recipients import and preview --format csv: no cell reads as a formula, whichever separator")
    func csvFormulas() throws {
        let folder = try CampaignFolder(campaign: Self.campaign(), recipients: Self.formulaRecipients)
        defer { folder.cleanUp() }
        let list = try CartableBinary.run(["recipients", "list", "--from", folder.recipients, "--format", "csv"])
        let search = try CartableBinary.run(["recipients", "search", "SOC", "--from", folder.recipients, "--format", "csv"])
        let imported = try CartableBinary.run(["recipients", "import", folder.recipients])
        let preview = try CartableBinary.run(["preview", folder.campaign, "--format", "csv"])
        for (name, result) in [("list", list), ("search", search), ("import", imported), ("preview", preview)] {
            #expect(result.stdout.contains("HYPERLINK"), "\(name): \(result.stdout) \(result.stderr)")
            Self.expectNoFormula(result.stdout, name)
        }
        #expect(list.stdout.contains(#""'=HYPERLINK(""http://evil.example"",""click"")""#), "\(list.stdout)")
        #expect(list.stdout.contains(#""Dupont;=cmd|' /C calc'!A0""#), "a cell holding ; is quoted: \(list.stdout)")
    }

    // MARK: 9. Terminal escapes

    @Test("preview table, lint, recipients list and search, and error messages show control characters escaped")
    func terminalEscapes() throws {
        let recipients = "id,name,group,department,constituency,twitter\nD1,\"\(Self.escapeName)\",SOC,91,6,escuser\nD2,Bidi \u{202E}txt.exe,SOC,91,1,bidi\n"
        let folder = try CampaignFolder(campaign: Self.campaign(title: "Titre \\e[2J\\a"), recipients: recipients)
        defer { folder.cleanUp() }
        let runs = [
            ("preview", try CartableBinary.run(["preview", folder.campaign, "--format", "table"])),
            ("lint", try CartableBinary.run(["lint", folder.campaign, "--verbose"])),
            ("list", try CartableBinary.run(["recipients", "list", "--from", folder.recipients])),
            ("search", try CartableBinary.run(["recipients", "search", "Esc", "--from", folder.recipients])),
        ]
        for (name, result) in runs {
            let output = result.stdout + result.stderr
            #expect(output.contains("Esc") || output.contains("RED"), "\(name) shows the recipient: \(output)")
            let raw = output.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) || $0 == "\u{202E}" }
            #expect(raw.isEmpty, "\(name) writes raw control characters: \(raw.map { String($0.value, radix: 16) })")
        }
        let table = runs[0].1.stdout
        #expect(table.contains(#"Esc\u{1B}]0;pwned\u{7}\u{1B}[2J\u{1B}[31mRED"#), "\(table)")
        let listed = runs[2].1.stdout
        #expect(listed.contains(#"\u{202E}"#), "\(listed)")
    }

    @Test("JSON output keeps the text exact (escaped by JSON itself)")
    func jsonUnchanged() throws {
        let recipients = "id,name,group,department,constituency,twitter\nD1,\"\(Self.escapeName)\",SOC,91,6,escuser\n"
        let folder = try CampaignFolder(campaign: Self.campaign(), recipients: recipients)
        defer { folder.cleanUp() }
        let list = try CartableBinary.run(["recipients", "list", "--from", folder.recipients, "--format", "json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(rows.first?["name"] as? String == Self.escapeName)
    }

    // MARK: 11. Control and bidi characters, empty messages

    @Test("lint refuses a composed message with control characters, unbalanced bidi controls, or nothing but the address",
          arguments: [
              ("Hi \\u202Egnp.exe {{link}}", "D1,Jean,SOC,91,1,jean", "bidi"),
              ("Bonjour {{name}} {{link}}", "D1,\"Nul\u{0}Esc\u{1B}Del\u{7F}C1\u{85}\",SOC,91,1,jean", "control"),
              ("{{group}}", "D1,Jean,,91,1,alicem", "address"),
          ])
    func lintRefusesInvisibleCharacters(template: String, row: String, kind: String) throws {
        let folder = try CampaignFolder(
            campaign: Self.campaign(template: template), recipients: "id,name,group,department,constituency,twitter\n\(row)\n")
        defer { folder.cleanUp() }
        let lint = try CartableBinary.run(["lint", folder.campaign])
        #expect(lint.status == 1, "\(kind): \(lint.stdout)")
        #expect(lint.stdout.contains("error:"), "\(kind): \(lint.stdout)")
        let queue = try CartableBinary.run(["preview", folder.campaign, "--format", "jsonl"])
        #expect(queue.stdout.contains(#""valid":false"#), "\(kind): the message is not valid in the preview either: \(queue.stdout)")
    }

    @Test("a balanced isolate (an Arabic name inside U+2068…U+2069) is not an error")
    func balancedIsolatesPass() throws {
        let folder = try CampaignFolder(
            campaign: Self.campaign(template: "Bonjour \\u2068{{name}}\\u2069 {{link}}"),
            recipients: "id,name,group,department,constituency,twitter\nD1,سليم,SOC,91,1,salim\n")
        defer { folder.cleanUp() }
        let lint = try CartableBinary.run(["lint", folder.campaign])
        #expect(lint.status == 0, "\(lint.stdout)")
    }

    // MARK: 14. Short hints

    @Test("a long template for many recipients: lint's output quotes an excerpt, and one problem for many recipients once")
    func hintsStayShort() throws {
        let long = String(repeating: "Le cartable de l'ESS. ", count: 5_000)
        var recipients = "id,name,group,department,constituency,twitter\n"
        for index in 0..<40 { recipients += "D\(index),Député \(index),SOC,91,\(index),depute\(index)\n" }
        let folder = try CampaignFolder(campaign: Self.campaign(template: "{{name}} " + long), recipients: recipients)
        defer { folder.cleanUp() }
        let lint = try CartableBinary.run(["lint", folder.campaign])
        #expect(lint.status == 1)
        #expect(lint.stdout.contains("too long") || lint.stdout.contains("over the limit"), "\(lint.stdout.prefix(3000))")
        #expect(lint.stdout.utf8.count < 20_000, "lint wrote \(lint.stdout.utf8.count) bytes for a \(long.utf8.count)-byte template")
        #expect(lint.stdout.contains("the same problem (too-long) for 37 more recipients"), "\(lint.stdout.prefix(3000))")
    }

    // MARK: 18. Validation gaps

    @Test("link must be an absolute http(s) URL with a real host, no space, no user info, no control or bidi character",
          arguments: ["http://example.org/ spaced", "http://.", "https://user:pass@evil.example.org", "https://example.org/\\u202Eexe.txt",
                      "example.org/cause", "http://exa mple.org"])
    func badLinks(link: String) throws {
        let folder = try CampaignFolder(campaign: Self.campaign(link: link), recipients: "id,name,group,department,constituency,twitter\nD1,Jean,SOC,91,1,jean\n")
        defer { folder.cleanUp() }
        let lint = try CartableBinary.run(["lint", folder.campaign])
        #expect(lint.status != 0, "\(link): \(lint.stdout)")
        #expect(lint.stdout.contains("campaign.yml:5:"), "\(link): the error points at the link: \(lint.stdout)")
    }

    @Test("a hashtag must be one for twitter-text", arguments: ["\"ESS\\u200D\"", "\"A\\u20DD\"", "\"١٢٣\"", "\"12345\"", "\"ESS Sociale\""])
    func badHashtags(hashtag: String) throws {
        let folder = try CampaignFolder(
            campaign: Self.campaign(hashtags: "[\(hashtag)]"), recipients: "id,name,group,department,constituency,twitter\nD1,Jean,SOC,91,1,jean\n")
        defer { folder.cleanUp() }
        let lint = try CartableBinary.run(["lint", folder.campaign])
        #expect(lint.status != 0, "\(hashtag): \(lint.stdout)")
        #expect(lint.stdout.contains("hashtag"), "\(hashtag): \(lint.stdout)")
    }

    @Test("real hashtags pass", arguments: ["[ESS, \"#Économie\", Loi2026, \"日本語\", \"ESS_2026\"]"])
    func goodHashtags(hashtags: String) throws {
        let folder = try CampaignFolder(
            campaign: Self.campaign(hashtags: hashtags), recipients: "id,name,group,department,constituency,twitter\nD1,Jean,SOC,91,1,jean\n")
        defer { folder.cleanUp() }
        let lint = try CartableBinary.run(["lint", folder.campaign])
        #expect(lint.status == 0, "\(lint.stdout)")
    }
}
