import Cartable
import CartableCurl
import Foundation
import LoopbackHTTPServer
import Testing

/// A paused campaign held by a real ``Dispatcher`` posting over HTTP to a loopback webhook receiver, and a
/// dispatcher scoped to some campaigns leaving the others' rows alone.
@Suite("dispatcher: paused and scoped campaigns over loopback")
struct PausedCampaignDispatchTests {
    /// An SQLite outbox in its own folder with two rows of each campaign on the webhook channel.
    struct Setting {
        let folder: URL
        let outbox: SQLiteOutbox

        init(campaigns: [String]) throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("cartable-pause-\(UUID().uuidString)")
            outbox = try SQLiteOutbox(path: folder.appendingPathComponent("outbox.sqlite").path, durability: .normal)
            for campaign in campaigns {
                let entries = ["d1", "d2"].map { recipient in
                    OutboxEntry(campaignID: campaign, recipientID: recipient, channel: .webhook, text: "\(campaign) pour \(recipient)")
                }
                _ = try outbox.enqueue(entries, pacing: nil, now: Date())
            }
        }

        func states(_ campaign: String) async throws -> [OutboxState] {
            var states: [OutboxState] = []
            for recipient in ["d1", "d2"] {
                let key = IdempotencyKey(campaign: campaign, recipient: recipient, channel: .webhook)
                states.append(try #require(try await outbox.message(key)).state)
            }
            return states
        }

        func cleanUp() { try? FileManager.default.removeItem(at: folder) }
    }

    func sender(_ server: LoopbackHTTPServer) throws -> WebhookSender {
        let settings = try ChannelSettings(environment: ["CARTABLE_WEBHOOK_URL": "\(server.baseURL)/hooks/pause-test"]).webhook()
        return WebhookSender(settings: settings, transport: CurlTransportTests.transport())
    }

    func receivedCampaigns(_ receiver: FakeWebhookReceiver) -> [String] {
        receiver.receivedBodies.compactMap { $0["campaignID"] as? String }.sorted()
    }

    @Test("a dispatcher does not post a paused campaign's due rows, and posts them once it is resumed")
    func pausedCampaignIsHeldUntilResumed() async throws {
        let receiver = FakeWebhookReceiver(secret: nil)
        let server = try LoopbackHTTPServer(handler: receiver.handle)
        defer { server.stop() }
        let setting = try Setting(campaigns: ["held", "open"])
        defer { setting.cleanUp() }
        #expect(try await setting.outbox.pause(campaignID: "held", now: Date()) == .changed)

        let dispatcher = Dispatcher(outbox: setting.outbox, senders: [try sender(server)], limiter: AccountLimiter(limits: [:]))
        let first = try await dispatcher.run()
        #expect(first.sent == 2, "\(first)")
        #expect(receivedCampaigns(receiver) == ["open", "open"])
        #expect(try await setting.states("held") == [.queued, .queued])
        #expect(try await setting.outbox.report(campaignID: nil, errorLimit: 5).paused.map(\.campaignID) == ["held"])

        #expect(try await setting.outbox.resume(campaignID: "held") == .changed)
        let second = try await dispatcher.run()
        #expect(second.sent == 2, "\(second)")
        #expect(receivedCampaigns(receiver) == ["held", "held", "open", "open"])
        #expect(try await setting.states("held") == [.sent, .sent])
        #expect(receiver.problems.isEmpty, "\(receiver.problems)")
    }

    @Test("a dispatcher scoped to some campaigns posts only their rows, even on the channel another campaign shares")
    func scopedDispatcherLeavesOtherCampaigns() async throws {
        let receiver = FakeWebhookReceiver(secret: nil)
        let server = try LoopbackHTTPServer(handler: receiver.handle)
        defer { server.stop() }
        let setting = try Setting(campaigns: ["ours", "theirs"])
        defer { setting.cleanUp() }
        var configuration = DispatcherConfiguration()
        configuration.campaigns = ["ours"]
        let dispatcher = Dispatcher(outbox: setting.outbox, senders: [try sender(server)], limiter: AccountLimiter(limits: [:]), configuration: configuration)
        let progress = try await dispatcher.run()
        #expect(progress.sent == 2, "\(progress)")
        #expect(receivedCampaigns(receiver) == ["ours", "ours"])
        #expect(try await setting.states("theirs") == [.queued, .queued])
    }
}
