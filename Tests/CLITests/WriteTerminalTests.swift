import Cartable
import Foundation
import LoopbackHTTPServer
import Testing

/// `cartable write` driven for real in a pseudo-terminal: typed answers, the screen read back.
@Suite("cartable write on a terminal", .enabled(if: TerminalSession.isAvailable, "needs util-linux script (Linux)"), .runsOffThePool)
struct WriteTerminalTests {
    /// The messages the screen shows, in order: the line after each `Message (...):` heading and its blank line.
    static func shownMessages(_ screen: String) -> [String] {
        let lines = screen.components(separatedBy: "\n")
        return lines.indices.compactMap { index in
            guard lines[index].hasPrefix("Message ("), index + 2 < lines.count else { return nil }
            return String(lines[index + 2].dropFirst(2)).trimmingCharacters(in: .whitespaces)
        }
    }

    /// A loopback X that keeps the text of every post it receives.
    final class PostBox: @unchecked Sendable {
        private let lock = NSLock()
        private var posted: [String] = []
        private(set) var server: LoopbackHTTPServer?

        init() throws {
            server = try LoopbackHTTPServer { [weak self] request in
                let object = try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any]
                guard request.method == "POST", request.path == "/2/tweets", let text = object?["text"] as? String, let self else {
                    return .respond(.json(404, #"{"error":"not found"}"#))
                }
                let number = self.lock.withLock {
                    self.posted.append(text)
                    return self.posted.count
                }
                return .respond(.json(201, #"{"data":{"id":"\#(number)","text":"..."}}"#))
            }
        }

        var texts: [String] { lock.withLock { posted } }
        var baseURL: String { server?.baseURL ?? "" }
        func stop() { server?.stop() }
    }

    @Test func aSupporterTypesAPartialNamePicksTakesTheNextVariantAndSendsIt() async throws {
        let folder = try WriteCommandTests.Folder()
        defer { folder.remove() }
        let platform = try PostBox()
        defer { platform.stop() }
        let session = try TerminalSession(
            [CartableBinary.url.path, "write", WriteCommandTests.campaign, "--via", "x", "--supporter", "marie"], in: folder.url,
            environment: ["CARTABLE_X_API_URL": platform.baseURL, "CARTABLE_X_CONSUMER_KEY": "ck", "CARTABLE_X_CONSUMER_SECRET": "cs",
                          "CARTABLE_X_ACCESS_TOKEN": "at", "CARTABLE_X_ACCESS_SECRET": "as"])
        defer { session.close() }

        try session.waitFor("Who do you want to write to?")
        session.type("zzyzx")
        try session.waitFor("no target of write-test matches \"zzyzx\"")
        session.type("mart")
        var screen = try session.waitFor("Which one?")
        #expect(screen.contains("3 deputies match name \"mart\":"))
        #expect(screen.contains("1) Marie Martin (SOC) — Seine-Saint-Denis (93), constituency 1 — @mariemartin"))
        #expect(screen.contains("2) Paul Martin (DR) — Seine-Saint-Denis (93), constituency 2 — @paulmartin"))
        #expect(screen.contains("3) Anne Martin-Sanscompte (ECOS) — Seine-Saint-Denis (93), constituency 3 — no X (Twitter) handle"))
        session.type("3")
        try session.waitFor("Anne Martin-Sanscompte has no X (Twitter) handle: this campaign cannot reach them there.")
        try session.waitFor("Which one?", occurrences: 2)
        session.type("2")
        screen = try session.waitFor("[y] send it")
        #expect(screen.contains("To Paul Martin (DR)"))
        #expect(screen.contains("characters (twitter-classic): fits"))
        session.type("n")
        screen = try session.waitFor("[y] send it", occurrences: 2)
        let variants = Self.shownMessages(screen)
        #expect(variants.count == 2)
        #expect(variants.allSatisfy { $0.hasPrefix(".@paulmartin ") })
        #expect(Set(variants).count == 2, "n shows another wording: \(variants)")
        #expect(platform.texts.isEmpty, "nothing leaves before the confirmation")
        session.type("y")
        screen = try session.waitFor("Sent to Paul Martin via x: https://x.com/i/web/status/1")
        #expect(session.exitStatus() == 0)

        // What arrived is the variant shown last, and the outbox holds it as sent, under the supporter's key.
        let chosen = try #require(variants.last)
        #expect(platform.texts == [chosen])
        let outbox = try SQLiteOutbox(path: folder.url.appendingPathComponent(".cartable/outbox.sqlite").path, access: .readWrite)
        let rows = try await outbox.allMessages()
        #expect(rows.count == 1)
        #expect(rows.first?.state == .sent)
        #expect(rows.first?.entry.text == chosen)
        #expect(rows.first?.entry.idempotencyKey.rawValue == "write-test/marie/W3/x")
        #expect(rows.first?.postURL == "https://x.com/i/web/status/1")

        // The same supporter again, on the terminal: nothing more is sent.
        let again = try TerminalSession(
            [CartableBinary.url.path, "write", WriteCommandTests.campaign, "--via", "x", "--supporter", "marie", "--to", "paul martin"],
            in: folder.url, environment: ["CARTABLE_X_API_URL": platform.baseURL, "CARTABLE_X_CONSUMER_KEY": "ck",
                                          "CARTABLE_X_CONSUMER_SECRET": "cs", "CARTABLE_X_ACCESS_TOKEN": "at", "CARTABLE_X_ACCESS_SECRET": "as"])
        defer { again.close() }
        try again.waitFor("nothing more was sent")
        #expect(again.exitStatus() == 0)
        #expect(platform.texts.count == 1)
    }

    @Test func anEditOverTheLimitIsRefusedWithTheExcessAndAFittingOneGivesItsLink() throws {
        let folder = try WriteCommandTests.Folder()
        defer { folder.remove() }
        let session = try TerminalSession(
            [CartableBinary.url.path, "write", WriteCommandTests.campaign, "--to", "paul martin", "--supporter", "marie"], in: folder.url, environment: [:])
        defer { session.close() }
        try session.waitFor("[y] get the link")

        // An edit over the limit is measured, refused, and says by how much.
        let long = ".@paulmartin " + String(repeating: "beaucoup trop long ", count: 8)
        session.type("e")
        try session.waitFor("Type the new text on one line")
        session.type(long)
        var screen = try session.waitFor("over the limit, cannot be sent")
        let length = long.trimmingCharacters(in: .whitespaces).count
        #expect(screen.contains("\(length)/140 characters (twitter-classic): \(length - 140) over the limit, cannot be sent: shorten it by \(length - 140)"))
        session.type("y")
        screen = try session.waitFor("Not sent: \(length - 140) over the limit")
        #expect(!screen.contains("intent/post"))

        // A shorter edit fits, and its link carries exactly that text.
        let own = ".@paulmartin Mon propre message pour votre cartable https://example.org/cartable"
        session.type("e")
        try session.waitFor("Type the new text on one line", occurrences: 2)
        session.type(own)
        try session.waitFor("Message (your text):", occurrences: 2)
        session.type("y")
        #expect(session.exitStatus() == 0)
        screen = session.screen()
        let link = try #require(screen.components(separatedBy: "\n").first { $0.hasPrefix("https://x.com/intent/post?text=") })
        #expect(try WriteCommandTests.linkText(link.trimmingCharacters(in: .whitespaces)) == own)
    }

    @Test func quittingSendsNothing() throws {
        let folder = try WriteCommandTests.Folder()
        defer { folder.remove() }
        let session = try TerminalSession(
            [CartableBinary.url.path, "write", WriteCommandTests.campaign, "--to", "guedj"], in: folder.url, environment: [:])
        defer { session.close() }
        try session.waitFor("[y] get the link")
        session.type("q")
        #expect(session.exitStatus() == 1)
        let screen = session.screen()
        #expect(screen.contains("Nothing sent."))
        #expect(!screen.contains("intent/post"))
    }
}
