import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 17, items 1, 3, 8 and 13 through the built binary: campaign files from other people, and careless outputs.
@Suite("Hostile campaign files and careless outputs", .runsOffThePool)
struct HostileInputTests {
    /// Writes `campaign.yml` in `folder` (a subfolder of the scratch folder) with `recipients` as its list.
    static func writeCampaign(in folder: URL, recipients: String, hashtags: String = "[ESS]") throws -> String {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let text = """
            id: hostile
            title: Hostile
            organiser: Cartable
            language: fr
            hashtags: \(hashtags)
            recipients: \(recipients)
            templates:
              - text: ".@{{handle}} Bonjour {{name}} http://mouves.org"

            """
        let path = folder.appendingPathComponent("campaign.yml").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static let list = "id,name,twitter\nD1,Jérôme Guedj,JeromeGuedj\nD2,Marie Curie,mariecurie\n"

    @Test("item 8: recipients: /proc/self/environ is refused by lint, and no variable of the environment is printed")
    func lintNeverPrintsTheEnvironment() throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        let campaign = try Self.writeCampaign(in: folder.url, recipients: "{file: /proc/self/environ, columns: {name: name}}")
        let result = try CartableBinary.run(["lint", campaign], environment: ["CARTABLE_PROBE_SECRET": "s3cr3t-t0ken-value"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("recipient file '/proc/self/environ' is a system file"), "\(result.stdout)")
        #expect(!(result.stdout + result.stderr).contains("s3cr3t-t0ken-value"))
    }

    @Test("item 8: a link to a private key beside the campaign is refused by every command that reads a campaign")
    func aLinkOutsideIsRefusedEverywhere() throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        let key = folder.url.appendingPathComponent("id_ed25519")
        try Data("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n".utf8).write(to: key)
        let campaignFolder = folder.url.appendingPathComponent("campaign")
        let campaign = try Self.writeCampaign(
            in: campaignFolder, recipients: "{file: list.csv, columns: {name: \"-----BEGIN OPENSSH PRIVATE KEY-----\"}}")
        try FileManager.default.createSymbolicLink(at: campaignFolder.appendingPathComponent("list.csv"), withDestinationURL: key)
        for arguments in [["lint", campaign], ["preview", campaign], ["queue", campaign, "--via", "dry-run", "--outbox", folder.outboxPath],
                          ["write", campaign, "--to", "Guedj", "--supporter", "alice"]] {
            let result = try CartableBinary.run(arguments, environment: ["CARTABLE_OUTBOX": folder.outboxPath])
            let output = result.stdout + result.stderr
            #expect(result.status == 1, "\(arguments[0]): \(output)")
            #expect(output.contains("recipient file 'list.csv' is outside the campaign file's folder"), "\(arguments[0]): \(output)")
            #expect(!output.contains("b3BlbnNzaC1rZXktdjEAAAAA"), "\(arguments[0])")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.outboxPath), "nothing was queued")
    }

    @Test("item 13: a FIFO or /dev/zero as the list is refused at once by preview and queue (no hang, no growth)")
    func devicesAndFIFOsAreRefusedAtOnce() throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        #expect(mkfifo(folder.path("pipe.csv"), 0o600) == 0)
        for (recipients, expected) in [("pipe.csv", "is a FIFO (named pipe), not a regular file"), ("/dev/zero", "is a system file")] {
            let campaign = try Self.writeCampaign(in: folder.url, recipients: recipients)
            for command in [["preview", campaign], ["queue", campaign, "--via", "dry-run", "--outbox", folder.outboxPath]] {
                let run = try RunningCartable(command, environment: [:], in: folder, label: command[0])
                let status = run.wait(timeout: 30)
                #expect(status == 1, "\(command[0]) \(recipients): \(run.stderr)")
                #expect(run.stdout.contains(expected) || run.stderr.contains(expected), "\(command[0]) \(recipients): \(run.stderr)")
            }
        }
    }

    @Test("item 13: a list named on the command line must be a regular file too: recipients list --from /dev/zero or a FIFO")
    func recipientsCommandsRefuseDevices() throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        #expect(mkfifo(folder.path("pipe.csv"), 0o600) == 0)
        for (file, expected) in [("/dev/zero", "is a device, not a regular file"), (folder.path("pipe.csv"), "is a FIFO (named pipe), not a regular file")] {
            let run = try RunningCartable(["recipients", "list", "--from", file], environment: [:], in: folder, label: "list")
            #expect(run.wait(timeout: 30) == 2, "\(file): \(run.stderr)")
            #expect(run.stderr.contains(expected), "\(run.stderr)")
        }
    }

    @Test("--allow-path DIR lets a campaign read a list outside its folder; the shipped campaigns need no flag")
    func allowPath() throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        let lists = folder.url.appendingPathComponent("lists")
        try FileManager.default.createDirectory(at: lists, withIntermediateDirectories: true)
        try Data(Self.list.utf8).write(to: lists.appendingPathComponent("list.csv"))
        let campaign = try Self.writeCampaign(in: folder.url.appendingPathComponent("campaign"), recipients: "../lists/list.csv")
        let refused = try CartableBinary.run(["lint", campaign])
        #expect(refused.status == 1)
        #expect(refused.stdout.contains("is outside the campaign file's folder"))
        #expect(refused.stdout.contains("--allow-path"), "the hint names the flag")
        #expect(refused.stdout.contains("/lists` allows it"), "with the folder holding the list: \(refused.stdout)")
        let allowed = try CartableBinary.run(["lint", campaign, "--allow-path", lists.path])
        #expect(allowed.status == 0, "\(allowed.stdout)")
        let preview = try CartableBinary.run(["preview", campaign, "--allow-path", lists.path])
        #expect(preview.status == 0, "\(preview.stderr)")
        #expect(preview.stdout.contains("Jérôme Guedj"))
        let missing = try CartableBinary.run(["lint", campaign, "--allow-path", folder.path("nowhere")])
        #expect(missing.status == 64 || missing.status == 2, "bad usage")
        #expect(missing.stderr.contains("--allow-path"))
    }

    @Test("item 1: a campaign nested 50,000 deep gets a located error and exit 2, not a crash")
    func deepNestingIsALocatedError() throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        try Data(Self.list.utf8).write(to: folder.url.appendingPathComponent("list.csv"))
        let deep = String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000)
        let campaign = try Self.writeCampaign(in: folder.url, recipients: "list.csv", hashtags: deep)
        for command in ["lint", "preview"] {
            let result = try CartableBinary.run([command, campaign])
            #expect(result.status == 2, "\(command): \(result.stderr)")
            #expect((result.stdout + result.stderr).contains("campaign.yml:5:74: error: lists and mappings are nested more than 64 deep"))
        }
    }

    @Test("item 3: preview -o naming the list, the campaign or a link to it is refused, and the input is left whole")
    func previewNeverWritesOverItsInputs() throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        let listPath = folder.path("list.csv")
        try Data(Self.list.utf8).write(to: URL(fileURLWithPath: listPath))
        let campaign = try Self.writeCampaign(in: folder.url, recipients: "list.csv")
        let campaignBytes = try Data(contentsOf: URL(fileURLWithPath: campaign))
        try FileManager.default.createSymbolicLink(atPath: folder.path("link.yml"), withDestinationPath: campaign)
        for (output, role) in [(listPath, "the campaign's recipient file"), (campaign, "the campaign file"), (folder.path("link.yml"), "the campaign file")] {
            let result = try CartableBinary.run(["preview", campaign, "-o", output, "--format", "csv"])
            #expect(result.status == 2, "\(output): \(result.stderr)")
            #expect(result.stderr.contains("is \(role)"), "\(result.stderr)")
        }
        #expect(try String(contentsOfFile: listPath, encoding: .utf8) == Self.list)
        #expect(try Data(contentsOf: URL(fileURLWithPath: campaign)) == campaignBytes)
    }

    @Test("item 3: an output file is replaced whole through a temporary file, and none is left behind")
    func outputsAreWrittenThroughATemporaryFile() throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        try Data(Self.list.utf8).write(to: URL(fileURLWithPath: folder.path("list.csv")))
        let campaign = try Self.writeCampaign(in: folder.url, recipients: "list.csv")
        let output = folder.path("preview.csv")
        try Data("old contents\n".utf8).write(to: URL(fileURLWithPath: output))
        chmod(output, 0o640)
        let oldInode = try #require(try FileManager.default.attributesOfItem(atPath: output)[.systemFileNumber] as? NSNumber)
        let result = try CartableBinary.run(["preview", campaign, "-o", output])
        #expect(result.status == 0, "\(result.stderr)")
        let written = try String(contentsOfFile: output, encoding: .utf8)
        #expect(written.contains("Jérôme Guedj") && !written.contains("old contents"))
        let attributes = try FileManager.default.attributesOfItem(atPath: output)
        let mode = try #require(attributes[.posixPermissions] as? NSNumber)
        #expect(mode.intValue == 0o640, "the replaced file keeps its permissions")
        let newInode = try #require(attributes[.systemFileNumber] as? NSNumber)
        #expect(newInode != oldInode, "a new file renamed over the old one, not the old one truncated and rewritten")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).filter { $0.contains(".cartable-") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    @Test("item 3: recipients import -o naming its source is refused, the source left whole")
    func importNeverWritesOverItsSource() throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        let source = folder.path("source.csv")
        try Data(Self.list.utf8).write(to: URL(fileURLWithPath: source))
        let result = try CartableBinary.run(["recipients", "import", source, "-o", source])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("is the source list"))
        #expect(try String(contentsOfFile: source, encoding: .utf8) == Self.list)
    }
}
