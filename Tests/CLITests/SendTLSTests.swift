import Cartable
import Foundation
import LoopbackHTTPServer
import Testing

/// `cartable send --via webhook` over real TLS: nginx with a private CA in front of a recording receiver.
/// Outside CI these are skipped (with this reason) when nginx is missing; in CI (`CI=true`) they always run.
@Suite(
    "cartable send over TLS (nginx)", .serialized,
    .enabled(if: NginxTLSServer.shouldRun, "nginx or openssl is not installed (apt-get install -y nginx openssl; make test installs them)"), .runsOffThePool)
struct SendTLSTests {
    /// Waits for `run` on a thread of its own (its wait polls), keeping Swift concurrency's threads free for other tests.
    func finished(_ run: RunningCartable) async -> Int32 {
        nonisolated(unsafe) let run = run
        return await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: run.wait()) }.start()
        }
    }

    func states(_ folder: ScratchFolder) async throws -> [OutboxState: Int] {
        let rows = try await SQLiteOutbox(path: folder.outboxPath, access: .readWrite).allMessages()
        return Dictionary(grouping: rows, by: \.state).mapValues(\.count)
    }

    @Test("with CARTABLE_CA_BUNDLE in the environment, every message is delivered end to end over TLS")
    func caBundleFromEnvironment() async throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        try folder.enqueue(5)
        let receiver = try RecordingReceiver()
        defer { receiver.stop() }
        let server = try await NginxTLSServer.start(upstream: receiver.server)
        defer { server.stop() }
        let run = try RunningCartable(
            ["send", "--via", "webhook", "--until-empty", "--format", "jsonl", "--outbox", folder.outboxPath],
            environment: ["CARTABLE_WEBHOOK_URL": server.baseURL + "/hook", "CARTABLE_CA_BUNDLE": server.caBundlePath],
            in: folder, label: "tls")
        #expect(await finished(run) == 0, "\(run.stderr)")
        #expect(try await states(folder) == [.sent: 5])
        #expect(receiver.published == 5)
        #expect(receiver.resends == 0)
    }

    @Test("CARTABLE_CA_BUNDLE from the --settings file is trusted too")
    func caBundleFromSettingsFile() async throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        try folder.enqueue(2)
        let receiver = try RecordingReceiver()
        defer { receiver.stop() }
        let server = try await NginxTLSServer.start(upstream: receiver.server)
        defer { server.stop() }
        let settings = folder.path("channels.env")
        try "CARTABLE_WEBHOOK_URL=\(server.baseURL)/hook\nCARTABLE_CA_BUNDLE=\(server.caBundlePath)\n"
            .write(toFile: settings, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: settings)
        let run = try RunningCartable(
            ["send", "--via", "webhook", "--until-empty", "--settings", settings, "--outbox", folder.outboxPath],
            environment: [:], in: folder, label: "tls-settings")
        #expect(await finished(run) == 0, "\(run.stderr)")
        #expect(try await states(folder) == [.sent: 2])
        #expect(receiver.published == 2)
    }

    @Test("without the CA: nothing sent, each message retried later with a TLS error that says the request never left")
    func unknownCA() async throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        try folder.enqueue(3)
        let receiver = try RecordingReceiver()
        defer { receiver.stop() }
        let server = try await NginxTLSServer.start(upstream: receiver.server)
        defer { server.stop() }
        // One pass (no --until-empty): the failures are transient, so the messages wait for a retry.
        // A long backoff keeps a jittered retry from falling due within the pass itself.
        let run = try RunningCartable(
            ["send", "--via", "webhook", "--format", "jsonl", "--backoff", "60", "--outbox", folder.outboxPath],
            environment: ["CARTABLE_WEBHOOK_URL": server.baseURL + "/hook", "CARTABLE_CA_BUNDLE": server.otherCABundlePath],
            in: folder, label: "tls-unknown")
        _ = await finished(run)
        let retrying = run.stdout.split(separator: "\n").filter { $0.contains(#""event":"retrying""#) }
        #expect(retrying.count == 3, "\(run.stdout)\n\(run.stderr)")
        #expect(retrying.allSatisfy { $0.contains("certificate") && $0.contains("did not reach the server") }, "\(retrying)")
        #expect(try await states(folder) == [.retrying: 3])
        #expect(receiver.requestCount == 0)
    }

    @Test("a CARTABLE_CA_BUNDLE that cannot be read stops before sending, naming the file")
    func unreadableCABundle() async throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        try folder.enqueue(1)
        let missing = folder.path("no-such-ca.pem")
        let run = try RunningCartable(
            ["send", "--via", "webhook", "--outbox", folder.outboxPath],
            environment: ["CARTABLE_WEBHOOK_URL": "https://127.0.0.1:9/hook", "CARTABLE_CA_BUNDLE": missing],
            in: folder, label: "tls-missing")
        #expect(await finished(run) == 2)
        #expect(run.stderr.contains(missing) && run.stderr.contains("CARTABLE_CA_BUNDLE"), "\(run.stderr)")
        #expect(try await states(folder) == [.queued: 1])
    }
}
