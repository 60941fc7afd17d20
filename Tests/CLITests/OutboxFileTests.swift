import Cartable
import Foundation
import GRDB
import Testing

/// Issue 17, items 4 and 16: what the commands do with a file that is not an outbox, and with an outbox they only read.
@Suite("Outbox files that are not outboxes", .runsOffThePool)
struct OutboxFileTests {
    /// An SQLite database of someone else's, in rollback-journal mode.
    static func foreignDatabase(at path: String, withMessageTable: Bool) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
            try db.execute(sql: "INSERT INTO notes (text) VALUES ('keep me')")
            if withMessageTable { try db.execute(sql: "CREATE TABLE message (id INTEGER PRIMARY KEY, body TEXT)") }
        }
        try queue.close()
    }

    @Test("item 4: status, send, retry, cancel and queue leave another program's SQLite database exactly as it was", arguments: [false, true])
    func aForeignDatabaseIsRefusedAndLeftAlone(withMessageTable: Bool) throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        let path = folder.path("other.db")
        try Self.foreignDatabase(at: path, withMessageTable: withMessageTable)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let campaign = RepositoryPaths.path("Campaigns/sensetwitt-2012.yml")
        for arguments in [["status"], ["send", "--via", "dry-run"], ["retry", "--all"], ["cancel", "--all"], ["queue", campaign, "--via", "dry-run"]] {
            let result = try CartableBinary.run(arguments + ["--outbox", path])
            #expect(result.status == 2, "\(arguments[0]): \(result.stderr)")
            #expect(result.stderr.contains("\(path): error: this SQLite database is not a Cartable outbox"), "\(arguments[0]): \(result.stderr)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "no table added, no journal mode changed")
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test("item 4: an existing empty file is not taken for a new outbox, even by queue")
    func anEmptyFileIsRefused() throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        #expect(FileManager.default.createFile(atPath: folder.outboxPath, contents: Data()))
        let campaign = RepositoryPaths.path("Campaigns/sensetwitt-2012.yml")
        for arguments in [["queue", campaign, "--via", "dry-run"], ["status"], ["send", "--via", "dry-run"]] {
            let result = try CartableBinary.run(arguments + ["--outbox", folder.outboxPath])
            #expect(result.status == 2, "\(arguments[0]): \(result.stderr)")
            #expect(result.stderr.contains("this file is empty, not an outbox"), "\(arguments[0]): \(result.stderr)")
        }
        let size = try #require(try FileManager.default.attributesOfItem(atPath: folder.outboxPath)[.size] as? NSNumber)
        #expect(size.intValue == 0)
    }

    @Test("items 4 and 16: /dev/null and a folder are refused with what they are; no /dev/null-journal appears")
    func devicesAndFoldersAreRefused() throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        let journalExisted = FileManager.default.fileExists(atPath: "/dev/null-journal")
        for command in [["status"], ["queue", RepositoryPaths.path("Campaigns/sensetwitt-2012.yml"), "--via", "dry-run"]] {
            let device = try CartableBinary.run(command + ["--outbox", "/dev/null"])
            #expect(device.status == 2)
            #expect(device.stderr.contains("/dev/null: error: this is a device, not an outbox file"), "\(device.stderr)")
            let directory = try CartableBinary.run(command + ["--outbox", folder.url.path])
            #expect(directory.status == 2)
            #expect(directory.stderr.contains("this is a folder, not an outbox file"), "\(directory.stderr)")
            #expect(directory.stderr.contains("outbox.sqlite"), "the hint names a file inside it")
        }
        if !journalExisted { #expect(!FileManager.default.fileExists(atPath: "/dev/null-journal")) }
    }

    @Test("item 16: status reads an outbox its user may not write (read-only file), and changes nothing")
    func statusReadsAReadOnlyOutbox() throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        try folder.enqueue(3)
        chmod(folder.url.path, 0o777)
        chmod(folder.outboxPath, 0o444)
        let before = try Data(contentsOf: URL(fileURLWithPath: folder.outboxPath))
        // Another user (nobody) than the file's owner, who may only read it.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", CartableBinary.url.path, "status", "--outbox", folder.outboxPath]
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("queued"), "\(text)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.outboxPath)) == before)
    }

    @Test("issue 10: status reads an outbox an older Cartable wrote (through a private migrated copy) and leaves the file as it was")
    func statusReadsAnOlderOutboxWithoutMigratingIt() throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        // Written before the v2 migration: 10 messages queued for x, 5 sent by the dry run (see the README beside it).
        try FileManager.default.copyItem(atPath: RepositoryPaths.path("Tests/CartableTests/Fixtures/outbox/outbox-v1.sqlite"), toPath: folder.outboxPath)
        let before = try Data(contentsOf: URL(fileURLWithPath: folder.outboxPath))
        let migrations = { try DatabaseQueue(path: folder.outboxPath, configuration: { var c = Configuration(); c.readonly = true; return c }())
            .read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") } }
        let migratedBefore = try migrations()
        #expect(migratedBefore.count == 1)

        let table = try CartableBinary.run(["status", "--outbox", folder.outboxPath])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("15 messages"), "\(table.stdout)")
        let json = try CartableBinary.run(["status", "--format", "json", "--outbox", folder.outboxPath])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["states"] as? [String: Int])?["queued"] == 10 && (object["states"] as? [String: Int])?["sent"] == 5, "\(json.stdout)")

        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.outboxPath)) == before, "not a byte of the file changed")
        #expect(try migrations() == migratedBefore, "the file itself is still at v1")

        // A command that writes still migrates the file itself.
        let retry = try CartableBinary.run(["retry", "--all", "--outbox", folder.outboxPath])
        #expect(retry.status == 0, "\(retry.stderr)")
        // v1 and the pending v2 and v3 (paused campaigns).
        #expect(try migrations().count == 3)
    }
}
