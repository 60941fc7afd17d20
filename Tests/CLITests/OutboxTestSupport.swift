import Cartable
import Foundation
import LoopbackHTTPServer
#if canImport(Glibc)
import Glibc
#endif

/// A fresh folder for an outbox and the files a command writes, removed by `cleanUp()`.
struct ScratchFolder {
    let url: URL
    var outboxPath: String { url.appendingPathComponent("outbox.sqlite").path }

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("cartable-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func cleanUp() {
        try? FileManager.default.removeItem(at: url)
    }

    /// Enqueues `count` messages of campaign `campaign` on `channel`, each to its own recipient.
    @discardableResult
    func enqueue(
        _ count: Int, campaign: String = "fault", channel: ChannelDescriptor = .webhook, pacing: SendingLimits? = nil,
        text: (Int) -> String = { ".@depute\($0) Message \($0) pour votre cartable http://mouves.org #ESS" }
    ) throws -> SQLiteOutbox {
        let outbox = try SQLiteOutbox(path: outboxPath, durability: .normal)
        let entries = (0..<count).map { index in
            OutboxEntry(
                campaignID: campaign, recipientID: "d\(index)", channel: channel,
                text: text(index),
                recipientName: "Député \(index)", recipientHandle: "depute\(index)", variant: "v\(index % 3)", language: "fr")
        }
        _ = try outbox.enqueue(entries, pacing: pacing.map { CampaignPacing(campaignID: campaign, limits: $0) }, now: Date())
        return outbox
    }
}

/// A `cartable` process started in the background, its output going to files; in another network namespace when one
/// is given (``NetworkNamespace``: another machine, as far as the network goes).
// Unchecked: its process is started once and then only read, waited for or signalled, from any thread.
final class RunningCartable: @unchecked Sendable {
    let process = Process()
    let stdoutPath: String
    let stderrPath: String

    init(_ arguments: [String], environment: [String: String], in folder: ScratchFolder, label: String, namespace: NetworkNamespace? = nil) throws {
        stdoutPath = folder.path("\(label).out")
        stderrPath = folder.path("\(label).err")
        _ = FileManager.default.createFile(atPath: stdoutPath, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
        if let namespace {
            // `ip netns exec` runs the program in place of itself: the process id is cartable's.
            (process.executableURL, process.arguments) = namespace.command([CartableBinary.url.path] + arguments)
        } else {
            process.executableURL = CartableBinary.url
            process.arguments = arguments
        }
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: stdoutPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: stderrPath))
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    func kill(_ signalNumber: Int32 = SIGKILL) {
        Glibc.kill(process.processIdentifier, signalNumber)
    }

    /// Waits for the exit, at most `timeout` seconds (then kills it), and returns the status.
    @discardableResult
    func wait(timeout: TimeInterval = 120) -> Int32 {
        let deadline = Date() + timeout
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            kill()
            process.waitUntilExit()
        }
        return process.terminationStatus
    }

    var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }
}

/// A loopback receiver that honours idempotency keys the way a platform does: the first request with a key publishes
/// the message, later ones with the same key are answered as duplicates (and counted as resends). It also keeps every
/// message it published by content, so that the same message under two keys would show.
final class RecordingReceiver: @unchecked Sendable {
    /// Decides a misbehaviour for a request (by its number, from 1), or `nil` to answer normally.
    typealias Fault = @Sendable (_ number: Int, _ request: LoopbackRequest) -> LoopbackReply?

    /// How the receiver identifies a message and answers a publication or a repeat.
    struct Platform: Sendable {
        /// The key the platform deduplicates on (an idempotency key, or X's text).
        var key: @Sendable (LoopbackRequest) -> String?
        /// What identifies the message whatever its key (to catch a message published under two keys).
        var content: @Sendable (LoopbackRequest) -> String
        var published: @Sendable (_ id: Int) -> LoopbackResponse
        var repeated: @Sendable (_ id: Int) -> LoopbackResponse
        var path: String

        static let webhook = Platform(
            key: { $0.header("Idempotency-Key") }, content: { $0.bodyText.replacingOccurrences(of: #""idempotencyKey":"[^"]*","#, with: "", options: .regularExpression) },
            published: { .json(201, #"{"id":"\#($0)"}"#) }, repeated: { _ in .json(409, #"{"error":"already received"}"#) }, path: "/hook")
        static let x = Platform(
            key: { String(data: Data($0.body), encoding: .utf8) }, content: { $0.bodyText },
            published: { .json(201, #"{"data":{"id":"\#($0)","text":"..."}}"#) },
            repeated: { _ in .json(403, #"{"detail":"You are not allowed to create a Tweet with duplicate content.","type":"about:blank","title":"Forbidden","status":403}"#) },
            path: "/2/tweets")
        static let mastodon = Platform(
            key: { $0.header("Idempotency-Key") }, content: { $0.bodyText },
            published: { .json(200, #"{"id":"\#($0)","url":"https://social.example/@org/\#($0)"}"#) },
            repeated: { .json(200, #"{"id":"\#($0)","url":"https://social.example/@org/\#($0)"}"#) }, path: "/api/v1/statuses")
    }

    /// What the receiver saw, shared with the server's connection threads.
    private final class Ledger: @unchecked Sendable {
        // Guards every field.
        let lock = NSLock()
        var requests = 0
        var publishedKeys: [String: Int] = [:]
        var publishedContent: [String: Int] = [:]
        var resendCount = 0
        var seen: [String] = []
    }

    private let ledger = Ledger()
    let server: LoopbackHTTPServer

    /// - Parameter afterPublishing: replaces the answer to the n-th publication (a server that posts, then fails to say
    ///   so: the ambiguous case).
    ///   `latency` delays every normal answer (a slow platform: the message is published before the wait).
    ///   `host` is the address it listens on (127.0.0.1 by default).
    init(platform: Platform = .webhook, fault: @escaping Fault = { _, _ in nil },
         afterPublishing: @escaping @Sendable (_ publication: Int) -> LoopbackReply? = { _ in nil }, latency: Duration? = nil,
         host: String = "127.0.0.1") throws {
        let ledger = ledger
        server = try LoopbackHTTPServer(host: host) { request in
            let number = ledger.lock.withLock {
                ledger.requests += 1
                ledger.seen.append(request.headers.map { "\($0.name): \($0.value)" }.joined(separator: "\n") + "\n" + request.bodyText)
                return ledger.requests
            }
            if let reply = fault(number, request) { return reply }
            guard request.method == "POST", request.path == platform.path, let key = platform.key(request) else {
                return .respond(.json(404, #"{"error":"not found"}"#))
            }
            let content = platform.content(request)
            return ledger.lock.withLock {
                if let id = ledger.publishedKeys[key] {
                    ledger.resendCount += 1
                    return .respond(platform.repeated(id))
                }
                let id = ledger.publishedKeys.count + 1
                ledger.publishedKeys[key] = id
                ledger.publishedContent[content, default: 0] += 1
                if let reply = afterPublishing(id) { return reply }
                return latency.map { .respondAfter($0, platform.published(id)) } ?? .respond(platform.published(id))
            }
        }
    }

    var baseURL: String { server.baseURL }
    var requestCount: Int { ledger.lock.withLock { ledger.requests } }
    var published: Int { ledger.lock.withLock { ledger.publishedKeys.count } }
    var resends: Int { ledger.lock.withLock { ledger.resendCount } }
    /// Messages published more than once under different keys: must stay 0.
    var contentPublishedTwice: Int { ledger.lock.withLock { ledger.publishedContent.values.filter { $0 > 1 }.count } }
    /// Every request's headers and body, to look for secrets.
    var everything: String { ledger.lock.withLock { ledger.seen.joined(separator: "\n") } }

    func stop() { server.stop() }
}
