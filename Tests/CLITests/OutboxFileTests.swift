import Cartable
import Foundation
import GRDB
import Testing

/// Issue 17, items 4 and 16: what the commands do with a file that is not an outbox, and with an outbox they only read.
@Suite("Outbox files that are not outboxes")
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

    @Test("item 4: status never migrates: an outbox of an older Cartable is reported, and left as it was")
    func statusDoesNotMigrate() throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        // A v1 outbox: the first migration only.
        var migrator = DatabaseMigrator()
        let queue = try DatabaseQueue(path: folder.outboxPath)
        let full = try SQLiteOutbox(path: folder.path("full.sqlite"))
        _ = full
        let first = try DatabaseQueue(path: folder.path("full.sqlite")).read { db in
            try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid")
        }
        #expect(first.count >= 2)
        migrator.registerMigration(first[0]) { db in
            try db.execute(sql: "CREATE TABLE message (id INTEGER PRIMARY KEY)")
        }
        try migrator.migrate(queue)
        try queue.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: folder.outboxPath))
        let result = try CartableBinary.run(["status", "--outbox", folder.outboxPath])
        #expect(result.status == 2)
        #expect(result.stderr.contains("written by an older Cartable and is only read here"), "\(result.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.outboxPath)) == before)
    }
}
