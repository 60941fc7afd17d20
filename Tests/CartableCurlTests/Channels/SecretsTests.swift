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

    /// Every run of eight characters of `secret`: any of them in a message is a leak.
    static func pieces(of secret: String) -> [String] {
        (0...(secret.count - 8)).map { String(secret.dropFirst($0).prefix(8)) }
    }

    @Test("X: a server echoing its Authorization header shows the consumer key and token percent-encoded; both are redacted")
    func percentEncodedEcho() async throws {
        let server = try LoopbackHTTPServer { request in
            .respond(.json(400, #"{"detail":"bad request, got \#(request.header("Authorization") ?? "")"}"#))
        }
        defer { server.stop() }
        var environment = Self.environment
        environment["CARTABLE_X_API_URL"] = server.baseURL
        environment["CARTABLE_X_CONSUMER_KEY"] = "ck+KEYSECRET/1234=="
        environment["CARTABLE_X_ACCESS_TOKEN"] = "at+TOKENSECRET/5678"
        let sender = XSender(settings: try ChannelSettings(environment: environment).x(), transport: CurlTransportTests.transport())
        let delivery = await sender.send(message("x", channel: .x))
        guard case .permanentFailure(let text) = delivery else {
            Issue.record("expected a permanent failure, got \(delivery)")
            return
        }
        #expect(text.contains("oauth_consumer_key"), "the echo is there, so the check below means something: \(text)")
        for secret in ["KEYSECRET", "TOKENSECRET", "ck%2BKEY", "at%2BTOKEN"] {
            #expect(!text.contains(secret), "\(secret) shows: \(text)")
        }
    }

    @Test("a server echoing the token base64-encoded (at any alignment) and JSON-escaped: redacted")
    func base64Echo() async throws {
        let token = "mastodon/token+SECRET-base64-42"
        let server = try LoopbackHTTPServer { request in
            let header = request.header("Authorization") ?? ""
            let echoes = [Data(header.utf8).base64EncodedString(), Data(("x" + header).utf8).base64EncodedString(),
                          Data(("xy" + header).utf8).base64EncodedString(), header.replacingOccurrences(of: "/", with: "\\/")]
            return .respond(LoopbackResponse(status: 400, body: Array("debug: \(echoes.joined(separator: " "))".utf8)))
        }
        defer { server.stop() }
        var environment = Self.environment
        environment["CARTABLE_MASTODON_URL"] = server.baseURL
        environment["CARTABLE_MASTODON_TOKEN"] = token
        let sender = MastodonSender(settings: try ChannelSettings(environment: environment).mastodon(), transport: CurlTransportTests.transport())
        let delivery = await sender.send(message("x", channel: .mastodon))
        let text = "\(delivery)"
        #expect(text.contains("debug"), "\(text)")
        for form in [token, token.replacingOccurrences(of: "/", with: "\\/")] {
            #expect(!text.contains(form), "\(form) shows: \(text)")
        }
        for offset in 0..<3 {
            let encoded = Data((String(repeating: "x", count: offset) + "Bearer " + token).utf8).base64EncodedString()
            // The middle of the encoding depends on the token alone.
            let core = String(encoded.dropFirst(12).dropLast(4))
            #expect(!text.contains(core), "the base64 form at offset \(offset) shows: \(text)")
        }
    }

    @Test("an error body longer than the limit, with the token at the cut: no piece of the token survives")
    func longBodyCutAfterRedaction() async throws {
        let token = "mastodon-token-secret-LONGTAIL-99"
        let server = try LoopbackHTTPServer { request in
            let echoed = String(repeating: "y", count: 285) + " " + (request.header("Authorization") ?? "")
            let body = String(decoding: (try? JSONSerialization.data(withJSONObject: ["error": echoed])) ?? Data(), as: UTF8.self)
            return .respond(.json(400, body))
        }
        defer { server.stop() }
        var environment = Self.environment
        environment["CARTABLE_MASTODON_URL"] = server.baseURL
        environment["CARTABLE_MASTODON_TOKEN"] = token
        let sender = MastodonSender(settings: try ChannelSettings(environment: environment).mastodon(), transport: CurlTransportTests.transport())
        let text = "\(await sender.send(message("x", channel: .mastodon)))"
        #expect(text.contains("yyyy"))
        for piece in Self.pieces(of: token) { #expect(!text.contains(piece), "\(piece) shows: \(text)") }
    }

    @Test("a webhook answering 404 with its path and query, raw and percent-encoded: redacted; the URL shows only scheme, host and port")
    func echoedWebhookPath() async throws {
        let server = try LoopbackHTTPServer { request in
            let encoded = request.target.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            return .respond(LoopbackResponse(status: 404, body: Array("Cannot POST \(request.target) [\(encoded)]".utf8)))
        }
        defer { server.stop() }
        var environment = Self.environment
        environment["CARTABLE_WEBHOOK_URL"] = server.baseURL + "/services/T0001/B0002/HOOKPATHSECRET?token=QUERY-SECRET-1"
        let settings = try ChannelSettings(environment: environment).webhook()
        let sender = WebhookSender(settings: settings, transport: CurlTransportTests.transport())
        let text = "\(await sender.send(message("x", channel: .webhook)))"
        #expect(text.contains("Cannot POST"), "\(text)")
        for secret in ["HOOKPATHSECRET", "QUERY-SECRET-1", "B0002", "HOOKPATHSECRET".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!, "QUERY%2DSECRET"] {
            #expect(!text.contains(secret), "\(secret) shows: \(text)")
        }
        #expect("\(settings)" == "webhook \(server.baseURL)/… (signed, secret <redacted>)")
    }
}
