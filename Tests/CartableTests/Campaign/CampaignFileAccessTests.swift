import Foundation
import Testing
@testable import Cartable

#if canImport(Glibc)
import Glibc
#endif

/// Issue 17, items 8 and 13: a campaign file names the files Cartable reads; it may only name regular files in its
/// own folder tree (links resolved), unless the user allows more, and never a device, a FIFO or a system file.
@Suite("Campaign file access")
struct CampaignFileAccessTests {
    /// A campaign folder (`campaign/`, holding `list.csv`) beside an `outside/` folder holding `secret.csv`.
    struct Layout {
        let root: URL
        var campaignFolder: URL { root.appendingPathComponent("campaign") }
        var outside: URL { root.appendingPathComponent("outside") }

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("cartable-access-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root.appendingPathComponent("campaign/lists"), withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: root.appendingPathComponent("outside"), withIntermediateDirectories: true)
            let list = Data("id,name,twitter\nD1,Jérôme Guedj,JeromeGuedj\n".utf8)
            try list.write(to: campaignFolder.appendingPathComponent("lists/list.csv"))
            try Data("id,name,twitter\nS1,-----BEGIN OPENSSH PRIVATE KEY-----,x\n".utf8).write(to: outside.appendingPathComponent("secret.csv"))
        }

        /// Loads a campaign in `campaign/` whose recipients are `recipients` (and overrides, if given).
        func load(recipients: String, overrides: String? = nil, access: CampaignFileAccess = CampaignFileAccess()) throws -> CampaignFile {
            let recipientsYAML = overrides.map { "{file: \"\(recipients)\", overrides: \"\($0)\"}" } ?? "\"\(recipients)\""
            let text = """
                id: access
                title: Accès
                organiser: Cartable
                language: fr
                recipients: \(recipientsYAML)
                templates:
                  - text: "Bonjour {{name}}"

                """
            let file = campaignFolder.appendingPathComponent("campaign.yml")
            try Data(text.utf8).write(to: file)
            return CampaignFile.load(contentsOf: file, displayPath: "campaign.yml", access: access)
        }

        func cleanUp() { try? FileManager.default.removeItem(at: root) }
    }

    static func error(_ file: CampaignFile) -> String {
        file.diagnostics.errors.map(\.headline).joined(separator: "\n")
    }

    @Test("a file in the campaign's folder tree is read, through the resolved path")
    func filesInTheCampaignFolderTreeAreRead() throws {
        let layout = try Layout()
        defer { layout.cleanUp() }
        let file = try layout.load(recipients: "lists/list.csv")
        let campaign = try #require(file.campaign, "\(file.diagnostics)")
        #expect(campaign.recipients.url.path.hasSuffix("/campaign/lists/list.csv"))
    }

    @Test("/proc/self/environ, /dev/zero and /etc/passwd are refused, located at the recipients key")
    func systemFilesAreRefused() throws {
        let layout = try Layout()
        defer { layout.cleanUp() }
        let environ = try layout.load(recipients: "/proc/self/environ")
        #expect(environ.campaign == nil)
        #expect(Self.error(environ).contains("campaign.yml:5:13: error: recipient file '/proc/self/environ' is a system file"), "\(Self.error(environ))")
        let zero = try layout.load(recipients: "/dev/zero", access: CampaignFileAccess(allowing: [URL(fileURLWithPath: "/")]))
        #expect(Self.error(zero).contains("recipient file '/dev/zero' is a system file"), "even where / is allowed")
        let passwd = try layout.load(recipients: "/etc/passwd")
        #expect(Self.error(passwd).contains("recipient file '/etc/passwd' is outside the campaign file's folder"))
    }

    @Test("a link in the campaign's folder to a file outside it is judged by where it leads")
    func linksAreResolvedBeforeTheCheck() throws {
        let layout = try Layout()
        defer { layout.cleanUp() }
        try FileManager.default.createSymbolicLink(
            at: layout.campaignFolder.appendingPathComponent("lists/innocent.csv"), withDestinationURL: layout.outside.appendingPathComponent("secret.csv"))
        let file = try layout.load(recipients: "lists/innocent.csv")
        #expect(file.campaign == nil)
        #expect(Self.error(file).contains("recipient file 'lists/innocent.csv' is outside the campaign file's folder (it is "))
        let parent = try layout.load(recipients: "../outside/secret.csv")
        #expect(Self.error(parent).contains("recipient file '../outside/secret.csv' is outside the campaign file's folder"))
    }

    @Test("--allow-path lets a campaign read a folder the user trusts")
    func allowedFoldersAreRead() throws {
        let layout = try Layout()
        defer { layout.cleanUp() }
        let file = try layout.load(recipients: "../outside/secret.csv", access: CampaignFileAccess(allowing: [layout.outside]))
        #expect(file.campaign != nil, "\(file.diagnostics)")
    }

    @Test("a file outside the campaign's folder: the error names no CLI option; the allowing of its folder is a typed remedy")
    func theOutsideRefusalNamesNoFlag() throws {
        let layout = try Layout()
        defer { layout.cleanUp() }
        let file = try layout.load(recipients: "../outside/secret.csv")
        let error = try #require(file.diagnostics.errors.first)
        #expect(!error.description.contains("--") && !error.description.contains("cartable "), "\(error.description)")
        #expect(error.hint == "keep the campaign's files in its folder, or allow the folder holding the file if you trust the campaign")
        let outside = try #require(realpath(layout.outside.path, nil))
        defer { free(outside) }
        #expect(error.remedy == .allowFolder(path: String(cString: outside)))
        for refusal in [CampaignFileAccess.Refusal.missing, .outside(resolvedPath: "/x/y.csv"), .notARegularFile(kind: "a folder"), .systemFile(resolvedPath: "/proc/1")] {
            let words = refusal.reason + (refusal.hint ?? "")
            #expect(!words.contains("--") && !words.contains("cartable "), "\(words)")
        }
    }

    @Test("a FIFO and a folder in the campaign's folder are refused, not read (a FIFO would block for ever)")
    func specialFilesAreRefused() throws {
        let layout = try Layout()
        defer { layout.cleanUp() }
        let fifo = layout.campaignFolder.appendingPathComponent("lists/pipe.csv")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        let file = try layout.load(recipients: "lists/pipe.csv")
        #expect(Self.error(file).contains("recipient file 'lists/pipe.csv' is a FIFO (named pipe), not a regular file"))
        let folder = try layout.load(recipients: "lists")
        #expect(Self.error(folder).contains("recipient file 'lists' is a folder, not a regular file"))
    }

    @Test("the overrides file follows the same rule")
    func overridesFollowTheSameRule() throws {
        let layout = try Layout()
        defer { layout.cleanUp() }
        let file = try layout.load(recipients: "lists/list.csv", overrides: "/proc/self/environ")
        #expect(Self.error(file).contains("overrides file '/proc/self/environ' is a system file"))
    }

    @Test("a hint quotes a short, sanitised excerpt of a header, never the whole first line")
    func headerHintsAreExcerpts() throws {
        let secret = String(repeating: "TOKEN", count: 2000)
        let header = "\u{1B}]0;pwned\u{07}" + secret + "," + (1...40).map { "c\($0)" }.joined(separator: ",")
        let list = RecipientList.load(csv: Data((header + "\nx\n").utf8), path: "list.csv")
        let hint = try #require(list.diagnostics.errors.first?.hint)
        #expect(hint.count < 400, "\(hint.count) characters")
        #expect(!hint.contains("\u{1B}") && !hint.contains("\u{07}"))
        #expect(hint.contains("\\u{1B}]0;pwned\\u{7}TOKEN"))
        #expect(hint.contains("(41 columns)"))
    }
}
