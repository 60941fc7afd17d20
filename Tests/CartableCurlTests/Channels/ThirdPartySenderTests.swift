import Cartable
import CartableCurl
import Foundation
import HTTPTypes
import LoopbackHTTPServer
import Testing

/// A sender Cartable does not ship, written as a third party would: it posts each message as JSON to a notice board
/// over HTTP, through the real libcurl transport, and declares its own channel.
struct NoticeBoardSender: MessageSender {
    let channel: ChannelDescriptor
    let board: HTTPEndpoint
    let transport: any HTTPTransport

    private struct Notice: Encodable {
        var key: String
        var recipient: String
        var text: String
    }

    func send(_ message: OutgoingMessage) async -> Delivery {
        let request = board.request(.post, path: "/notices", headerFields: [.contentType: "application/json"])
        let notice = Notice(key: message.idempotencyKey.rawValue, recipient: message.recipientID, text: message.text)
        guard let body = try? JSONEncoder().encode(notice) else { return .permanentFailure(message: "cannot encode the notice") }
        do {
            let response = try await transport.send(request, body: body)
            switch response.status.code {
            case 200..<300: return .delivered(postID: nil, postURL: nil)
            case 429: return .rateLimited(retryAt: nil, message: "notice board: slow down")
            case 400..<500: return .permanentFailure(message: "notice board: HTTP \(response.status.code)")
            default: return .transientFailure(message: "notice board: HTTP \(response.status.code)", mayHaveReachedServer: true)
            }
        } catch {
            return Delivery(transportError: error)
        }
    }
}

/// Issue 10, item 1: a third-party sender is treated exactly like a built-in one, by what its descriptor says. A
/// channel that reaches no one is exempt from the recipients' caps and the sending hours, as the dry run is; one that
/// reaches its recipients is held by them; and the dispatcher keeps its account within the descriptor's default limit.
@Suite("A third-party sender, like a built-in one")
struct ThirdPartySenderTests {
    /// A notice board that records what it received.
    final class Board: @unchecked Sendable {
        private let lock = NSLock()
        private var keys: [String] = []

        var received: [String] { lock.withLock { keys } }

        func handle(_ request: LoopbackRequest) -> LoopbackReply {
            guard request.method == "POST", request.path == "/notices",
                  let notice = try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any],
                  let key = notice["key"] as? String, notice["text"] is String
            else { return .respond(.json(400, #"{"error":"not a notice"}"#)) }
            lock.withLock { keys.append(key) }
            return .respond(.json(201, "{}"))
        }
    }

    /// A campaign of one deputy (caps: 1 message per hour and per day), in a scratch folder with an empty outbox.
    struct Setting {
        let folder: URL
        let campaign: Campaign
        let deputy: Recipient
        let outbox: SQLiteOutbox

        /// `hoursOpen: false` sets the sending hours to a half hour that starts two hours from now (UTC), so they are
        /// closed whenever the test runs.
        init(hoursOpen: Bool) throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("cartable-third-party-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data("id,name,group,department,constituency,twitter\nD1,Jérôme Guedj,SOC,91,6,JeromeGuedj\n".utf8)
                .write(to: folder.appendingPathComponent("deputies.csv"))
            try Data("""
                id: notices
                title: Avis
                organiser: Cartable
                language: fr
                link: https://example.org/cause
                channel: twitter
                recipients: deputies.csv
                templates:
                  - text: "Bonjour {{name}} {{link}}"
                sending:
                  per_recipient: {per_hour: 1, per_day: 1}
                  hours: {from: "00:00", to: "24:00", time_zone: UTC}

                """.utf8).write(to: folder.appendingPathComponent("campaign.yml"))
            let file = CampaignFile.load(contentsOf: folder.appendingPathComponent("campaign.yml"), displayPath: "campaign.yml")
            var campaign = try #require(file.campaign, "\(file.diagnostics)")
            if !hoursOpen {
                var calendar = Calendar(identifier: .gregorian)
                calendar.timeZone = TimeZone(identifier: "UTC")!
                let opening = (calendar.component(.hour, from: Date()) + 2) % 24
                campaign.sending.from = String(format: "%02d:00", opening)
                campaign.sending.to = String(format: "%02d:30", opening)
            }
            self.campaign = campaign
            let audience = try #require(CampaignAudience.load(campaign).audience)
            deputy = try #require(audience.targets.first)
            outbox = try SQLiteOutbox(path: folder.appendingPathComponent("outbox.sqlite").path)
        }

        /// The campaign's message to the deputy from `supporter`.
        func message(from supporter: String) -> Message {
            Composer(campaign: campaign, supporter: supporter).message(for: deputy, rank: 0)
        }

        func cleanUp() { try? FileManager.default.removeItem(at: folder) }
    }

    /// A lease holder that is no process of this machine.
    static let owner = LeaseOwner(host: "test-host", processID: 0, token: "third-party")

    static func channel(reachesRecipient: Bool, defaultRateLimit: RateLimit?) -> ChannelDescriptor {
        ChannelDescriptor(
            name: "notice-board", campaignChannel: nil, repeats: .unrecognised, reachesRecipient: reachesRecipient,
            defaultRateLimit: defaultRateLimit)
    }

    @Test("the dispatcher: a channel reaching no one ignores caps and closed hours but keeps its default rate limit; one reaching its recipients waits for the hours",
          arguments: [false, true])
    func dispatcher(reachesRecipient: Bool) async throws {
        let board = Board()
        let server = try LoopbackHTTPServer(handler: board.handle)
        defer { server.stop() }
        let setting = try Setting(hoursOpen: false)
        defer { setting.cleanUp() }
        // 3 posts per hour: a full bucket of 3 at the start, the next token 20 minutes later.
        let channel = Self.channel(reachesRecipient: reachesRecipient, defaultRateLimit: RateLimit(requests: 3, period: 3600))
        let limiter = AccountLimiter(channels: [channel])
        #expect(limiter.limit(for: channel.name) == RateLimit(requests: 3, period: 3600), "the descriptor's default, not a built-in's")
        let sender = NoticeBoardSender(
            channel: channel, board: try HTTPEndpoint(string: server.baseURL),
            transport: RateLimitObserver(wrapping: CurlTransportTests.transport(), account: channel.name, limiter: limiter))
        let entries = ["anne", "bruno", "chloe", "denis"].map { OutboxEntry(setting.message(from: $0), campaign: setting.campaign, via: channel) }
        #expect(entries.allSatisfy { $0.reachesRecipient == reachesRecipient })
        let queued = try setting.outbox.enqueue(entries, pacing: CampaignPacing(campaignID: setting.campaign.id, limits: setting.campaign.sending), now: Date())
        #expect(queued.added == 4)

        let progress = try await Dispatcher(outbox: setting.outbox, senders: [sender], limiter: limiter, owner: Self.owner).run()

        var states: [OutboxState] = []
        for entry in entries { states.append(try #require(try await setting.outbox.message(entry.idempotencyKey)).state) }
        if reachesRecipient {
            #expect(progress.sent == 0 && board.received.isEmpty, "closed hours hold a channel that reaches the deputy")
            #expect(states == [.queued, .queued, .queued, .queued])
        } else {
            // Four messages to one deputy capped at one an hour, outside the sending hours: three go, as many as the
            // channel's default limit allows; the fourth waits for a token.
            #expect(progress.sent == 3, "\(progress)")
            #expect(Set(board.received).count == 3 && board.received.count == 3, "\(board.received)")
            #expect(states.filter { $0 == .sent }.count == 3 && states.filter { $0 == .queued }.count == 1, "\(states)")
        }
    }

    @Test("SendNow: a channel reaching no one goes at once whatever the hours and caps; one reaching its recipients is held by both")
    func sendNow() async throws {
        let board = Board()
        let server = try LoopbackHTTPServer(handler: board.handle)
        defer { server.stop() }
        let endpoint = try HTTPEndpoint(string: server.baseURL)
        let transport = CurlTransportTests.transport()

        let closed = try Setting(hoursOpen: false)
        defer { closed.cleanUp() }
        let nowhere = NoticeBoardSender(channel: Self.channel(reachesRecipient: false, defaultRateLimit: nil), board: endpoint, transport: transport)
        for supporter in ["anne", "bruno"] {
            let result = try await SendNow(outbox: closed.outbox, sender: nowhere, owner: Self.owner).send(closed.message(from: supporter), of: closed.campaign)
            guard case .sent(_, _, false) = result.outcome else {
                Issue.record("\(supporter): expected sent, got \(result.outcome)")
                continue
            }
            #expect(!result.entry.reachesRecipient)
        }
        #expect(board.received == ["notices/anne/D1/notice-board", "notices/bruno/D1/notice-board"])

        let reaching = NoticeBoardSender(channel: Self.channel(reachesRecipient: true, defaultRateLimit: nil), board: endpoint, transport: transport)
        let waiting = try await SendNow(outbox: closed.outbox, sender: reaching, owner: Self.owner).send(closed.message(from: "chloe"), of: closed.campaign)
        guard case .waitingForHours = waiting.outcome else {
            Issue.record("expected to wait for the hours, got \(waiting.outcome)")
            return
        }

        let open = try Setting(hoursOpen: true)
        defer { open.cleanUp() }
        let first = try await SendNow(outbox: open.outbox, sender: reaching, owner: Self.owner).send(open.message(from: "anne"), of: open.campaign)
        guard case .sent = first.outcome else {
            Issue.record("expected sent, got \(first.outcome)")
            return
        }
        let second = try await SendNow(outbox: open.outbox, sender: reaching, owner: Self.owner).send(open.message(from: "bruno"), of: open.campaign)
        guard case .heldByCap = second.outcome else {
            Issue.record("expected held by the deputy's cap, got \(second.outcome)")
            return
        }
        #expect(board.received.count == 3, "only the reaching channel's first message went: \(board.received)")
    }
}
