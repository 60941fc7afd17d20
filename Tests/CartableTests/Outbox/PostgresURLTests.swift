import Foundation
import Testing
@testable import CartablePostgres

@Suite("PostgreSQL outbox URL")
struct PostgresURLTests {
    @Test("a full URL: user, password, host, port, database and sslmode, percent-encoded parts decoded")
    func fullURL() throws {
        let url = try PostgresURL("postgres://cart%40able:p%3Ass%2Fw@db.example.org:6543/outbox?sslmode=verify-full", environment: [:])
        #expect(url.user == "cart@able" && url.password == "p:ss/w")
        #expect(url.host == "db.example.org" && url.port == 6543 && url.database == "outbox")
        #expect(url.tlsMode == .verifyFull && !url.isUnixSocket)
    }

    @Test("libpq's defaults: port 5432, user from PGUSER or USER, database named after the user, sslmode prefer")
    func defaults() throws {
        let url = try PostgresURL("postgresql://db", environment: ["USER": "marie"])
        #expect(url.host == "db" && url.port == 5432 && url.user == "marie" && url.database == "marie" && url.tlsMode == .prefer)
        #expect(try PostgresURL("postgres://db/x", environment: ["PGUSER": "paul", "USER": "marie"]).user == "paul")
    }

    @Test("the password never appears in the redacted form or the description")
    func redacted() throws {
        let url = try PostgresURL("postgres://cartable:s3cr3t-Value@127.0.0.1:5433/outbox?sslmode=require", environment: [:])
        #expect(url.redacted == "postgres://cartable@127.0.0.1:5433/outbox?sslmode=require")
        #expect(!"\(url)".contains("s3cr3t") && !String(reflecting: url.redacted).contains("s3cr3t"))
        #expect(PostgresOutbox.redactedForError("postgres://u:s3cr3t@h/db?x=1") == "postgres://…@h/db?x=1")
    }

    @Test("pool_max_conns caps the connections, 10 when absent; a value outside 1…1000 is refused")
    func poolSize() throws {
        #expect(try PostgresURL("postgres://u@h/db", environment: [:]).poolMaxConnections == 10)
        #expect(try PostgresURL("postgres://u@h/db?pool_max_conns=3&sslmode=disable", environment: [:]).poolMaxConnections == 3)
        for bad in ["0", "1001", "many", ""] {
            #expect {
                _ = try PostgresURL("postgres://u:s3cr3t@h/db?pool_max_conns=\(bad)", environment: [:])
            } throws: { error in
                let message = (error as? PostgresURLError)?.message ?? ""
                return message.contains("pool_max_conns") && message.contains("1 to 1000") && !message.contains("s3cr3t")
            }
        }
    }

    @Test("PGPASSWORD gives the password when the URL has none; the URL's own wins")
    func passwordFromEnvironment() throws {
        #expect(try PostgresURL("postgres://u@h/db", environment: ["PGPASSWORD": "from-env"]).password == "from-env")
        #expect(try PostgresURL("postgres://u:from-url@h/db", environment: ["PGPASSWORD": "from-env"]).password == "from-url")
    }

    @Test("~/.pgpass: the first matching line, * matching anything, escaped colons; ignored unless private")
    func passwordFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cartable-pgpass-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent(".pgpass").path
        try """
            # host:port:database:user:password
            other:5432:*:u:wrong
            h:5432:db:u:pa\\:ss\\\\word
            *:*:*:*:fallback
            """.write(toFile: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        let environment = ["HOME": folder.path]
        #expect(try PostgresURL("postgres://u@h/db", environment: environment).password == "pa:ss\\word")
        #expect(try PostgresURL("postgres://v@elsewhere:7000/x", environment: environment).password == "fallback")
        #expect(try PostgresURL("postgres://u@h/db", environment: ["PGPASSFILE": file]).password == "pa:ss\\word")
        // Readable by others: libpq ignores it, and so do we.
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        #expect(try PostgresURL("postgres://u@h/db", environment: environment).password == nil)
    }

    @Test("a socket directory as host (libpq's ?host=/dir)")
    func socketDirectory() throws {
        let url = try PostgresURL("postgres://u@/db?host=/var/run/postgresql&port=5433", environment: [:])
        #expect(url.isUnixSocket && url.socketPath == "/var/run/postgresql/.s.PGSQL.5433" && url.database == "db")
    }

    @Test("bad URLs are refused with what is wrong, never the password", arguments: [
        ("postgres://u:pw@h/db?sslmode=sometimes", "sslmode sometimes"),
        ("postgres://u:pw@h/db?colour=blue", "unknown parameter colour"),
        ("postgres://u:pw@h:99999/db", "port"),
        ("mysql://u:pw@h/db", "postgres://"),
    ])
    func badURLs(text: String, expected: String) {
        #expect {
            _ = try PostgresURL(text, environment: [:])
        } throws: { error in
            let message = (error as? PostgresURLError)?.message ?? ""
            return message.contains(expected) && !message.contains("pw")
        }
    }
}
