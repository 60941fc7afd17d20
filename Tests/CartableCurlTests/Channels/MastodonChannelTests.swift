import Cartable
import CartableCurl
import Foundation
import LoopbackHTTPServer
import Testing

@Suite("Mastodon channel over loopback")
struct MastodonChannelTests {
    let token = "mastodon-token-ZmFrZS10b2tlbi0xMjM0"

    func start() throws -> (FakeMastodon, LoopbackHTTPServer, MastodonSender) {
        let fake = FakeMastodon(token: token)
        let server = try LoopbackHTTPServer(handler: fake.handle)
        fake.baseURL = server.baseURL
        let settings = try ChannelSettings(environment: [
            "CARTABLE_MASTODON_URL": server.baseURL, "CARTABLE_MASTODON_TOKEN": token, "CARTABLE_MASTODON_VISIBILITY": "unlisted",
        ]).mastodon()
        return (fake, server, MastodonSender(settings: settings, transport: CurlTransportTests.transport()))
    }

    @Test("a status is posted as a form with the Bearer token, visibility and language")
    func posts() async throws {
        let (fake, server, sender) = try start()
        defer { server.stop() }
        let delivery = await sender.send(message("@depute@assemblee.social 100 % d'accord & plus + encore ✨", channel: .mastodon))
        guard case .delivered(let id?, let url?) = delivery else {
            Issue.record("not delivered: \(delivery)")
            return
        }
        #expect(url == "\(server.baseURL)/@campaign/\(id)")
        #expect(fake.created == [["status": "@depute@assemblee.social 100 % d'accord & plus + encore ✨", "visibility": "unlisted", "language": "fr"]])
        #expect(fake.problems.isEmpty, "\(fake.problems)")
    }

    @Test("a retry with the same Idempotency-Key returns the first status instead of posting twice")
    func idempotency() async throws {
        let (fake, server, sender) = try start()
        defer { server.stop() }
        let first = await sender.send(message("Bonjour", supporter: "row-17", channel: .mastodon))
        let retry = await sender.send(message("Bonjour", supporter: "row-17", channel: .mastodon))
        #expect(first.isDelivered)
        #expect(first == retry)
        #expect(fake.created.count == 1)
    }

    @Test("a wrong token is a permanent failure")
    func wrongToken() async throws {
        let (_, server, _) = try start()
        defer { server.stop() }
        let settings = MastodonSettings(instance: try HTTPEndpoint(string: server.baseURL), accessToken: Secret("wrong-token-value"))
        let delivery = await MastodonSender(settings: settings, transport: CurlTransportTests.transport()).send(message("x", channel: .mastodon))
        #expect(delivery == .permanentFailure(message: "Mastodon refused the access token: HTTP 401: The access token is invalid"))
    }

    @Test("429 is rate-limited until the ISO 8601 X-RateLimit-Reset")
    func rateLimited() async throws {
        let (fake, server, sender) = try start()
        defer { server.stop() }
        fake.mode = .rateLimited
        let delivery = await sender.send(message("x", channel: .mastodon))
        #expect(delivery == .rateLimited(retryAt: InternetDate.iso8601("2030-01-01T00:05:00.123456Z"), message: "HTTP 429: Too many requests"))
    }
}
