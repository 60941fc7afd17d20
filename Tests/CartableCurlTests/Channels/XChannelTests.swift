import Cartable
import CartableCurl
import Foundation
import LoopbackHTTPServer
import Testing

@Suite("X channel over loopback")
struct XChannelTests {
    let fake = FakeX(
        consumerKey: "consumer-key-test-0001", consumerSecret: "consumer-secret-test-+/=!*'()",
        token: "12345-access-token-test", tokenSecret: "token secret with spaces & ünïcode")

    func sender(_ server: LoopbackHTTPServer, consumerSecret: String? = nil) throws -> XSender {
        let settings = try ChannelSettings(environment: [
            "CARTABLE_X_API_URL": server.baseURL,
            "CARTABLE_X_CONSUMER_KEY": fake.consumerKey, "CARTABLE_X_CONSUMER_SECRET": consumerSecret ?? fake.consumerSecret,
            "CARTABLE_X_ACCESS_TOKEN": fake.token, "CARTABLE_X_ACCESS_SECRET": fake.tokenSecret,
        ]).x()
        return XSender(settings: settings, transport: CurlTransportTests.transport())
    }

    @Test("a post signed with OAuth 1.0a passes the server's recomputed signature")
    func signedPost() async throws {
        let server = try LoopbackHTTPServer(handler: fake.handle)
        defer { server.stop() }
        let x = try sender(server)
        let first = await x.send(message("@depute Retraites : 64 ans, c'est non ! https://exemple.fr/petition?x=1&y=2", channel: .x))
        let second = await x.send(message("Deuxième message", channel: .x))
        guard case .delivered(let id?, let url?) = first else {
            Issue.record("not delivered: \(first); server saw \(fake.problems)")
            return
        }
        #expect(url == "https://x.com/i/web/status/\(id)")
        #expect(second.isDelivered)
        #expect(fake.texts == ["@depute Retraites : 64 ans, c'est non ! https://exemple.fr/petition?x=1&y=2", "Deuxième message"])
        #expect(fake.problems.isEmpty)
    }

    @Test("a wrong consumer secret fails the signature check: permanent, and the secret is not in the message")
    func wrongSecret() async throws {
        let server = try LoopbackHTTPServer(handler: fake.handle)
        defer { server.stop() }
        let delivery = try await sender(server, consumerSecret: "wrong-consumer-secret").send(message("x", channel: .x))
        #expect(delivery == .permanentFailure(message: "X refused the credentials: HTTP 401: Unauthorized"))
        #expect(fake.problems == ["bad signature"])
    }

    @Test("403 duplicate content is a duplicate, 429 waits for the exhausted 24-hour cap, 503 is transient")
    func platformAnswers() async throws {
        let server = try LoopbackHTTPServer(handler: fake.handle)
        defer { server.stop() }
        let x = try sender(server)
        fake.mode = .duplicate
        #expect(await x.send(message("déjà", channel: .x)) == .duplicate(message: "HTTP 403: You are not allowed to create a Tweet with duplicate content."))
        fake.mode = .rateLimited
        #expect(await x.send(message("trop", channel: .x)) == .rateLimited(retryAt: Date(timeIntervalSince1970: 1_900_050_000), message: "HTTP 429: Too Many Requests"))
        fake.mode = .serverError
        #expect(await x.send(message("panne", channel: .x)) == .transientFailure(message: "HTTP 503: Service Unavailable", mayHaveReachedServer: true))
        #expect(fake.problems.isEmpty, "\(fake.problems)")
    }
}
