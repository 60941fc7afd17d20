import Cartable
import CartableCurl
import Foundation
import LoopbackHTTPServer
import Testing

/// Secrets never show in settings output, deliveries or errors, even when a server echoes them back.
@Suite("secrets stay secret")
struct SecretsTests {
    static let environment = [
        "CARTABLE_WEBHOOK_URL": "https://hooks.example.net/services/T000/B000/webhookpathsecret",
        "CARTABLE_WEBHOOK_SECRET": "webhook-signing-secret-1",
        "CARTABLE_MASTODON_URL": "https://mastodon.example", "CARTABLE_MASTODON_TOKEN": "mastodon-token-secret-2",
        "CARTABLE_X_CONSUMER_KEY": "x-consumer-key-secret-3", "CARTABLE_X_CONSUMER_SECRET": "x-consumer-secret-4",
        "CARTABLE_X_ACCESS_TOKEN": "x-access-token-secret-5", "CARTABLE_X_ACCESS_SECRET": "x-access-secret-6",
        "CARTABLE_BLUESKY_HANDLE": "campagne.bsky.social", "CARTABLE_BLUESKY_APP_PASSWORD": "bluesky-app-password-7",
        "HOME": "/root",
    ]
    static let secrets = ["webhookpathsecret", "webhook-signing-secret-1", "mastodon-token-secret-2", "x-consumer-key-secret-3",
                          "x-consumer-secret-4", "x-access-token-secret-5", "x-access-secret-6", "bluesky-app-password-7"]

    func expectNoSecret(_ text: String, _ context: String) {
        for secret in Self.secrets {
            #expect(!text.contains(secret), "\(context) shows a secret: \(text)")
        }
    }

    @Test("settings print, interpolate, dump and debug-print without secrets")
    func settingsOutput() throws {
        let settings = ChannelSettings(environment: Self.environment)
        var dumped = ""
        dump(settings, to: &dumped)
        var channelDump = ""
        dump(try settings.x(), to: &channelDump)
        let outputs = [
            "\(settings)", String(reflecting: settings), dumped, channelDump,
            "\(try settings.webhook())", "\(try settings.mastodon())", "\(try settings.x())", "\(try settings.bluesky())",
            String(reflecting: try settings.x().credentials), "\(Secret("x-access-secret-6"))",
        ]
        for output in outputs { expectNoSecret(output, "settings output") }
        #expect("\(settings)".contains("CARTABLE_X_ACCESS_SECRET=<redacted>"))
        #expect("\(settings)".contains("CARTABLE_WEBHOOK_URL=https://hooks.example.net/…"))
        #expect("\(settings)".contains("CARTABLE_BLUESKY_HANDLE=campagne.bsky.social"))
        #expect(!"\(settings)".contains("HOME"))
    }

    @Test("a server that echoes the token in its error: the delivery message is redacted")
    func echoedToken() async throws {
        let fake = FakeMastodon(token: "mastodon-token-secret-2")
        fake.mode = .echoToken
        let server = try LoopbackHTTPServer(handler: fake.handle)
        defer { server.stop() }
        var environment = Self.environment
        environment["CARTABLE_MASTODON_URL"] = server.baseURL
        let sender = MastodonSender(settings: try ChannelSettings(environment: environment).mastodon(), transport: CurlTransportTests.transport())
        let delivery = await sender.send(message("x", channel: .mastodon))
        guard case .permanentFailure(let text) = delivery else {
            Issue.record("expected a permanent failure, got \(delivery)")
            return
        }
        #expect(text.contains("Bearer <redacted>"))
        expectNoSecret(text, "delivery")
    }

    @Test("transport failures on every channel name no secret")
    func failuresOnEveryChannel() async throws {
        let server = try LoopbackHTTPServer { _ in .dropConnection }
        let url = server.baseURL + "/services/T000/B000/webhookpathsecret"
        server.stop()
        var environment = Self.environment
        for name in ["CARTABLE_WEBHOOK_URL", "CARTABLE_MASTODON_URL", "CARTABLE_X_API_URL", "CARTABLE_BLUESKY_URL"] {
            environment[name] = url
        }
        let settings = ChannelSettings(environment: environment)
        for channel in BuiltInChannel.descriptors where channel.reachesRecipient {
            let sender = try BuiltInChannel.makeSender(for: channel, settings: settings, transport: CurlTransportTests.transport())
            let delivery = await sender.send(message("x", channel: channel))
            #expect(!delivery.isDelivered)
            expectNoSecret("\(delivery)", "\(channel) delivery")
        }
    }

    @Test("configuration errors name variables, not values")
    func configurationErrors() {
        var environment = Self.environment
        environment["CARTABLE_X_ACCESS_SECRET"] = nil
        #expect(throws: ChannelConfigurationError.missingVariables(channel: "x", names: ["CARTABLE_X_ACCESS_SECRET"])) {
            try ChannelSettings(environment: environment).x()
        }
        environment["CARTABLE_WEBHOOK_URL"] = "ftp://files.example/webhookpathsecret"
        do {
            _ = try ChannelSettings(environment: environment).webhook()
            Issue.record("an ftp webhook URL was accepted")
        } catch {
            #expect(error == .invalidURL(variable: "CARTABLE_WEBHOOK_URL", problem: "must start with http:// or https://"))
            expectNoSecret(error.description, "configuration error")
        }
    }
}
