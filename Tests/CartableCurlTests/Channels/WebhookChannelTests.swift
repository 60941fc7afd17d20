import Cartable
import CartableCurl
import Foundation
import LoopbackHTTPServer
import Testing

@Suite("webhook channel over loopback")
struct WebhookChannelTests {
    let secret = "whsec-test-9f8e7d6c5b4a"

    func sender(_ server: LoopbackHTTPServer, secret: String?, timeout: Duration = .seconds(5)) throws -> WebhookSender {
        var environment = ["CARTABLE_WEBHOOK_URL": "\(server.baseURL)/hooks/cartable-7f3a"]
        environment["CARTABLE_WEBHOOK_SECRET"] = secret
        return WebhookSender(settings: try ChannelSettings(environment: environment).webhook(), transport: CurlTransportTests.transport(timeout: timeout))
    }

    @Test("a signed message passes the receiver's signature check and is delivered")
    func signedDelivery() async throws {
        let receiver = FakeWebhookReceiver(secret: secret)
        let server = try LoopbackHTTPServer(handler: receiver.handle)
        defer { server.stop() }
        let delivery = try await sender(server, secret: secret).send(message("Madame la députée, « retraites » ✨", supporter: "k1", channel: .webhook, handle: "depute"))
        #expect(delivery == .delivered(postID: "hook-retraites-2026/k1/PA1234/webhook", postURL: nil))
        #expect(receiver.problems.isEmpty, "\(receiver.problems)")
        let body = try #require(receiver.receivedBodies.first)
        #expect(body["text"] as? String == "Madame la députée, « retraites » ✨")
        #expect(body["recipientHandle"] as? String == "depute")
        #expect(body["language"] as? String == "fr")
    }

    @Test("without a secret no signature is sent")
    func unsigned() async throws {
        let receiver = FakeWebhookReceiver(secret: nil)
        let server = try LoopbackHTTPServer(handler: receiver.handle)
        defer { server.stop() }
        #expect(try await sender(server, secret: nil).send(message("Bonjour", channel: .webhook)).isDelivered)
        #expect(receiver.problems.isEmpty, "\(receiver.problems)")
    }

    @Test("the wrong secret is rejected by the receiver")
    func wrongSecret() async throws {
        let receiver = FakeWebhookReceiver(secret: secret)
        let server = try LoopbackHTTPServer(handler: receiver.handle)
        defer { server.stop() }
        let delivery = try await sender(server, secret: "not-the-secret").send(message("Bonjour", channel: .webhook))
        #expect(delivery == .permanentFailure(message: "HTTP 401: bad signature"))
    }

    @Test("sending the same idempotency key twice is reported as a duplicate")
    func duplicate() async throws {
        let receiver = FakeWebhookReceiver(secret: secret)
        let server = try LoopbackHTTPServer(handler: receiver.handle)
        defer { server.stop() }
        let webhook = try sender(server, secret: secret)
        #expect(await webhook.send(message("Bonjour", supporter: "same", channel: .webhook)) == .delivered(postID: "hook-retraites-2026/same/PA1234/webhook", postURL: nil))
        let again = await webhook.send(message("Bonjour", supporter: "same", channel: .webhook))
        #expect(again == .duplicate(message: "HTTP 409: already received retraites-2026/same/PA1234/webhook"))
        #expect(again.isDelivered)
    }

    @Test("429 with Retry-After, 500, a dropped connection and a timeout are classified")
    func failures() async throws {
        let receiver = FakeWebhookReceiver(secret: secret)
        let server = try LoopbackHTTPServer(handler: receiver.handle)
        defer { server.stop() }
        let webhook = try sender(server, secret: secret, timeout: .milliseconds(400))
        receiver.mode = .rateLimited
        let before = Date()
        let limited = await webhook.send(message("a", channel: .webhook))
        let after = Date()
        guard case .rateLimited(let retryAt?, _) = limited else {
            Issue.record("429 was not reported as rate-limited with a date")
            return
        }
        // Retry-After: 30 counts from the answer, which came between `before` and `after` (however loaded the machine).
        #expect(retryAt >= before.addingTimeInterval(29) && retryAt <= after.addingTimeInterval(31))
        receiver.mode = .serverError
        #expect(await webhook.send(message("b", channel: .webhook)) == .transientFailure(message: "HTTP 500: receiver crashed", mayHaveReachedServer: true))
        receiver.mode = .drop
        guard case .transientFailure(_, true) = await webhook.send(message("c", channel: .webhook)) else {
            Issue.record("a dropped connection must be transient and maybe sent")
            return
        }
        receiver.mode = .slow
        guard case .transientFailure(let text, true) = await webhook.send(message("d", channel: .webhook)) else {
            Issue.record("a timeout after sending must be transient and maybe sent")
            return
        }
        #expect(text.hasPrefix("timed out"))
    }

    @Test("a refused connection is transient and certainly not sent")
    func refused() async throws {
        let server = try LoopbackHTTPServer { _ in .respond(.json(200, "{}")) }
        let webhook = try sender(server, secret: secret)
        server.stop()
        try await Task.sleep(for: .milliseconds(50))
        guard case .transientFailure(let text, false) = await webhook.send(message("e", channel: .webhook)) else {
            Issue.record("a refused connection must be transient and not sent")
            return
        }
        #expect(!text.contains("cartable-7f3a"), "the webhook URL's secret path leaked: \(text)")
    }
}
