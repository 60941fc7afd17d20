import Foundation
import PostgresTestCluster
import Testing

/// `cartable serve --outbox postgres://…`: the built binary serving a campaign on a shared outbox in PostgreSQL (a
/// database of the test cluster), the password given as PGPASSWORD as a deployment would.
@Suite("cartable serve on a PostgreSQL outbox", .enabled(if: PostgresTestCluster.url != nil, "CARTABLE_TEST_POSTGRES_URL is not set (make test starts a cluster)"), .runsOffThePool)
struct ServePostgresCommandTests {
    @Test("a send through the campaign lands as a row in the database, the server's sender posts it once, SIGTERM stops it cleanly; the password is never printed")
    func sendsThroughTheCampaignIntoPostgres() async throws {
        let database = try PostgresTestDatabase()
        defer { database.drop() }
        var components = try #require(URLComponents(string: database.url))
        let password = try #require(components.password)
        components.password = nil
        let url = try #require(components.string)
        let (folder, campaignPath) = try ServeCommandTests.campaignFolder(web: #"{intro: "Écrivez à votre député.", send_through_campaign: true}"#)
        defer { try? FileManager.default.removeItem(at: folder) }
        let receiver = try RecordingReceiver(platform: .webhook)
        defer { receiver.stop() }
        let environment = ["CARTABLE_WEBHOOK_URL": receiver.baseURL + "/hook", "PGPASSWORD": password]

        let migrate = try CartableBinary.run(["outbox", "migrate", "--outbox", url], environment: environment)
        #expect(migrate.status == 0, "\(migrate.stdout)\(migrate.stderr)")
        let server = try ServeCommandTests.RunningServer(
            ["serve", campaignPath, "--port", "0", "--outbox", url, "--via", "webhook"], environment: environment)
        let base = "http://127.0.0.1:\(try server.port())"

        let page = try await ServeCommandTests.fetch(base + "/c/write-test/")
        #expect(page.status == 200)
        let cookie = try #require(page.headers["set-cookie"]?.split(separator: ";").first.map(String.init))
        let sent = try await ServeCommandTests.fetch(base + "/c/write-test/d/W1/send", method: "POST", body: "turn=0",
                                                     headers: ["Cookie": cookie, "Origin": base, "Content-Type": "application/x-www-form-urlencoded"])
        #expect(sent.status == 303, "\(sent.body)")
        let queued = try PostgresTestCluster.integer("SELECT count(*) FROM message WHERE channel = 'webhook'", on: database.url)
        #expect(queued == 1, "answered once the row is in the database")

        let deadline = Date().addingTimeInterval(30)
        while try PostgresTestCluster.integer("SELECT count(*) FROM message WHERE state = 'sent'", on: database.url) < 1, Date() < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(try PostgresTestCluster.integer("SELECT count(*) FROM message WHERE state = 'sent'", on: database.url) == 1,
                "the server's sender posted it and recorded it in the database")
        #expect(receiver.published == 1)
        let thanks = try await ServeCommandTests.fetch(base + "/c/write-test/d/W1/thanks", headers: ["Cookie": cookie, "Accept-Language": "fr"])
        #expect(thanks.body.contains("Votre message à Jérôme Guedj est parti le"), "the page reads the database: \(thanks.body)")

        let status = server.terminate()
        #expect(status == 0, "SIGTERM stops it gracefully: \(server.stderr)")
        #expect(!server.stderr.contains(password) && !server.stdout.contains(password))
        #expect(!migrate.stdout.contains(password) && !migrate.stderr.contains(password))
    }
}
