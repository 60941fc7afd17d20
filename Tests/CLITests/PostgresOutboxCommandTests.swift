import Foundation
import PostgresTestCluster
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The built `cartable` on a shared outbox in PostgreSQL (a database of the test cluster), as a user names it:
/// `--outbox postgres://…` or `CARTABLE_OUTBOX`.
@Suite("cartable on a PostgreSQL outbox", .serialized, .enabled(if: PostgresTestCluster.url != nil, "CARTABLE_TEST_POSTGRES_URL is not set (make test starts a cluster)"), .runsOffThePool)
struct PostgresOutboxCommandTests {
    /// The URL without its password, the password given as PGPASSWORD (as a deployment would).
    func split(_ url: String) throws -> (url: String, password: String) {
        var components = try #require(URLComponents(string: url))
        let password = try #require(components.password)
        components.password = nil
        return (components.string!, password)
    }

    @Test("queue, send to a loopback webhook, status: each message once, every command on the database; the password is never printed")
    func pipeline() async throws {
        let database = try PostgresTestDatabase()
        defer { database.drop() }
        let (url, password) = try split(database.url)
        let campaign = RepositoryPaths.path("Tests/CLITests/Fixtures/pipeline-webhook.yml")
        let receiver = try RecordingReceiver()
        defer { receiver.stop() }
        let environment = ["CARTABLE_WEBHOOK_URL": receiver.baseURL + "/hook", "CARTABLE_OUTBOX": url, "PGPASSWORD": password]

        // Before the migrations: refused, saying which command to run.
        let early = try CartableBinary.run(["queue", campaign, "--via", "webhook", "--allow-path", RepositoryPaths.path("Campaigns/Recipients")], environment: environment)
        #expect(early.status == 2)
        #expect(early.stderr.contains("no outbox yet") && early.stderr.contains("cartable outbox migrate"), "\(early.stderr)")
        let migrate = try CartableBinary.run(["outbox", "migrate"], environment: environment)
        #expect(migrate.status == 0 && migrate.stdout.contains("applied migrations 1, 2, 3, 4"), "\(migrate.stdout)\(migrate.stderr)")
        let again = try CartableBinary.run(["outbox", "migrate"], environment: environment)
        #expect(again.status == 0 && again.stdout.contains("nothing to apply"))

        let queue = try CartableBinary.run(["queue", campaign, "--via", "webhook", "--allow-path", RepositoryPaths.path("Campaigns/Recipients")], environment: environment)
        #expect(queue.status == 0, "\(queue.stderr)")
        #expect(queue.stdout.contains("queued 577 new messages") && queue.stdout.contains("outbox postgres://"), "\(queue.stdout)")
        let requeue = try CartableBinary.run(["queue", campaign, "--via", "webhook", "--allow-path", RepositoryPaths.path("Campaigns/Recipients")], environment: environment)
        #expect(requeue.stdout.contains("queued 0 new messages for webhook, 577 already queued"), "\(requeue.stdout)")

        let send = try CartableBinary.run(["send", "--concurrency", "16"], environment: environment)
        #expect(send.status == 0, "\(send.stderr)")
        #expect(send.stdout.hasPrefix("sent 577, retried 0, dead 0; 0 not final yet"), "\(send.stdout)")
        #expect(receiver.published == 577 && receiver.requestCount == 577)
        #expect(receiver.everything.contains("Idempotency-Key: pipeline-webhook/organiser/jean-marc-ayrault/webhook"))

        let status = try CartableBinary.run(["status"], environment: environment)
        #expect(status.stdout.contains("recipients: 577 reached, 0 not yet (of 577)"), "\(status.stdout)")
        #expect(status.stdout.contains("outbox \(url)"), "\(status.stdout)")
        let nothing = try CartableBinary.run(["send"], environment: environment)
        #expect(nothing.stdout == "nothing to send\n")

        // cancel and retry act on the database too.
        let retry = try CartableBinary.run(["retry", "--all"], environment: environment)
        #expect(retry.status == 0 && retry.stdout.contains("0 messages queued again"), "\(retry.stdout)\(retry.stderr)")
        for output in [early, migrate, queue, send, status, retry] {
            #expect(!(output.stdout + output.stderr).contains(password))
        }
    }

    @Test("3,000 messages copied from SQLite into PostgreSQL, four senders, a webhook answering 500s, 429s and dropping connections (before and after publishing), one sender SIGKILLed 8 times and restarted: every message published exactly once, none lost")
    func fourSendersKilledAndRestarted() async throws {
        let database = try PostgresTestDatabase()
        defer { database.drop() }
        let (url, password) = try split(database.url)
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        let total = 3000
        try folder.enqueue(total)
        let environment = ["PGPASSWORD": password]
        #expect(try CartableBinary.run(["outbox", "migrate", "--outbox", url], environment: environment).status == 0)
        let copy = try CartableBinary.run(["outbox", "copy", folder.outboxPath, url], environment: environment)
        #expect(copy.status == 0 && copy.stdout.contains("copied \(total) messages"), "\(copy.stdout)\(copy.stderr)")

        // Faults by request number, before anything is published: a 500, a connection dropped unanswered, now and
        // then a 429 (which pauses that sender's webhook account for a second); a little latency keeps requests in
        // flight when a kill lands. After publishing, some answers are lost (the connection dropped): the ambiguous
        // case, resent under the same key and recognised (409).
        let receiver = try RecordingReceiver(fault: { number, _ in
            switch number {
            case _ where number.isMultiple(of: 211): .respond(.json(429, #"{"error":"slow down"}"#, headers: [("Retry-After", "1")]))
            case _ where number.isMultiple(of: 23): .respond(.json(500, #"{"error":"oops"}"#))
            case _ where number.isMultiple(of: 29): .dropConnection
            default: nil
            }
        }, afterPublishing: { publication in
            publication.isMultiple(of: 97) ? .dropConnection : nil
        }, latency: .milliseconds(2))
        defer { receiver.stop() }
        var sendEnvironment = environment
        sendEnvironment["CARTABLE_WEBHOOK_URL"] = receiver.baseURL + "/hook"
        let arguments = ["send", "--via", "webhook", "--until-empty", "--concurrency", "8", "--timeout", "5",
                         "--backoff", "0.05", "--max-backoff", "0.5", "--max-attempts", "100", "--outbox", url]
        let sendingStarted = Date()
        // Waited for on a thread of its own: the cooperative pool's threads are for the other tests.
        let senderEnvironment = sendEnvironment
        let (kills, publishedAtKill, failures) = try {
            var senders = try (0..<4).map { try RunningCartable(arguments, environment: senderEnvironment, in: folder, label: "sender-\($0)") }
            // The same sender (the first) is killed each time, at a random moment once sending is under way, and restarted.
            var kills = 0
            var publishedAtKill: [Int] = []
            for round in 0..<8 {
                let before = receiver.published
                let started = Date()
                let delay = Double.random(in: 0.1...0.4)
                while Date().timeIntervalSince(started) < delay || (receiver.published < before + 30 && Date().timeIntervalSince(started) < 30) {
                    usleep(5_000)
                }
                guard senders[0].process.isRunning, receiver.published < total else { break }
                senders[0].kill(SIGKILL)
                senders[0].wait()
                kills += 1
                publishedAtKill.append(receiver.published)
                senders[0] = try RunningCartable(arguments, environment: senderEnvironment, in: folder, label: "restart-\(round)")
            }
            let failures = senders.compactMap { sender in sender.wait(timeout: 180) == 0 ? nil : sender.stderr }
            return (kills, publishedAtKill, failures)
        }()
        #expect(failures.isEmpty, "senders that did not finish well: \(failures)")
        let last = try CartableBinary.run(arguments, environment: sendEnvironment)
        #expect(last.status == 0, "\(last.stderr)")
        print("postgres kill test: \(total) messages, 4 senders, \(kills) SIGKILLs (at \(publishedAtKill) published), \(receiver.requestCount) requests, "
            + "\(receiver.resends) resends recognised by key, published \(receiver.published), duplicates published: \(receiver.contentPublishedTwice), "
            + "sending took \(String(format: "%.1f", Date().timeIntervalSince(sendingStarted))) s")
        #expect(kills == 8, "the senders finished before one could be killed 8 times")
        #expect(receiver.published == total, "each message published exactly once")
        #expect(receiver.contentPublishedTwice == 0, "no message published under two keys")
        #expect(receiver.resends > 0, "answers lost after publishing were resent and recognised by key")
        let left = try PostgresTestCluster.integer(
            "SELECT count(*)::int FROM message WHERE state <> 'sent' OR lease_owner IS NOT NULL", on: database.url)
        #expect(left == 0, "every message sent, no row left leased")
        let status = try CartableBinary.run(["status", "--outbox", url], environment: environment)
        #expect(status.stdout.contains("recipients: \(total) reached, 0 not yet (of \(total))"), "\(status.stdout)")
    }

    @Test("a password in the URL is never printed, not even in an error; a wrong one is an authentication error (exit 2)")
    func wrongPassword() throws {
        let database = try PostgresTestDatabase()
        defer { database.drop() }
        var components = try #require(URLComponents(string: database.url))
        components.password = "Wrong-Secret-9"
        let result = try CartableBinary.run(["status", "--outbox", components.string!])
        #expect(result.status == 2)
        #expect(result.stderr.contains("refused user") && result.stderr.contains("hint:"), "\(result.stderr)")
        #expect(!result.stderr.contains("Wrong-Secret-9") && !result.stdout.contains("Wrong-Secret-9"))
    }
}
