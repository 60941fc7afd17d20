import Cartable
@testable import CartableServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// What keeps the page safe: the origin check on every POST, the body cap, the per-address and per-network rate
/// limits, the headers, the cookie's attributes, `/healthz`.
@Suite("cartable serve: safety")
struct SafetyTests {
    @Test func aPostFromAForeignOriginOrFromNoneIsRefused() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            for (path, body, json) in [
                ("/c/serve-test/d/W1/send", Browser.form([("turn", "0")]), false),
                ("/c/serve-test/d/W1/edit", Browser.form([("text", "x")]), false),
                ("/api/c/serve-test/measure", ByteBuffer(string: #"{"text": "x"}"#), true),
                ("/api/c/serve-test/d/W1/send", ByteBuffer(string: #"{"variant": 0}"#), true),
            ] {
                for origin in ["https://evil.example", nil, "null"] as [String?] {
                    let headers = json ? Browser.jsonHeaders(origin: origin) : Browser.formHeaders(origin: origin)
                    let response = try await client.execute(uri: path, method: .post, headers: headers, body: body)
                    #expect(response.status == .forbidden, "\(path) from \(origin ?? "no origin")")
                }
            }
            #expect(fixture.received.isEmpty)

            var referer = Browser.formHeaders(origin: nil)
            referer[.referer] = "http://localhost/c/serve-test/d/W1?turn=0"
            let fromReferer = try await client.execute(uri: "/c/serve-test/d/W1/edit", method: .post, headers: referer, body: Browser.form([("text", "x")]))
            #expect(fromReferer.status == .ok, "without Origin, a Referer of this site is enough")
            var foreignReferer = Browser.formHeaders(origin: nil)
            foreignReferer[.referer] = "https://localhost.evil.example/c/serve-test/"
            #expect(try await client.execute(uri: "/c/serve-test/d/W1/edit", method: .post, headers: foreignReferer, body: Browser.form([("text", "x")])).status == .forbidden)

            let embedded = try await client.execute(uri: "/api/c/serve-test/measure", method: .post, headers: Browser.jsonHeaders(origin: "https://partner.example"),
                                                    body: ByteBuffer(string: #"{"text": "x"}"#))
            #expect(embedded.status == .ok, "the campaign's embed_origins may post")
        }
    }

    @Test func aBodyOverTheLimitIs413() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let big = String(repeating: "a", count: 20_000)
            let form = try await client.execute(uri: "/c/serve-test/d/W1/edit", method: .post, headers: Browser.formHeaders(), body: Browser.form([("text", big)]))
            #expect(form.status == .contentTooLarge)
            let api = try await client.execute(uri: "/api/c/serve-test/measure", method: .post, headers: Browser.jsonHeaders(),
                                               body: ByteBuffer(string: #"{"text": "\#(big)"}"#))
            #expect(api.status == .contentTooLarge)
            #expect(try Browser.json(api)["error"] as? String == "too-large")
        }
    }

    @Test func tooManyMeasuresFromOneAddressAre429WithRetryAfter() async throws {
        let fixture = try ServerFixture(web: "web: {limits: {measures_per_minute: 3, sends_per_hour: 1}, send_through_campaign: true}")
        try await fixture.test { client in
            for _ in 0..<3 {
                let response = try await client.execute(uri: "/api/c/serve-test/measure", method: .post, headers: Browser.jsonHeaders(),
                                                        body: ByteBuffer(string: #"{"text": "x"}"#))
                #expect(response.status == .ok)
            }
            let refused = try await client.execute(uri: "/api/c/serve-test/measure", method: .post, headers: Browser.jsonHeaders(),
                                                   body: ByteBuffer(string: #"{"text": "x"}"#))
            #expect(refused.status == .tooManyRequests)
            let wait = try #require(refused.headers[.retryAfter].flatMap(Int.init))
            #expect((1...60).contains(wait))
            let page = try await client.execute(uri: "/c/serve-test/d/W1/edit", method: .post, headers: Browser.formHeaders(), body: Browser.form([("text", "x")]))
            #expect(page.status == .tooManyRequests, "the edit form counts as a measure too")
            #expect(Browser.text(page).contains("réessayez dans"))
            #expect(page.headers[.retryAfter] != nil)

            let sent = try await client.execute(uri: "/c/serve-test/d/W1/send", method: .post, headers: Browser.formHeaders(), body: Browser.form([("turn", "0")]))
            #expect(sent.status == .seeOther)
            let second = try await client.execute(uri: "/c/serve-test/d/W2/send", method: .post, headers: Browser.formHeaders(), body: Browser.form([("turn", "0")]))
            #expect(second.status == .tooManyRequests, "one send an hour from this address")
            #expect((3000...3600).contains(try #require(second.headers[.retryAfter].flatMap(Int.init))))
            #expect(await fixture.waitForReceived(1).count == 1)
            #expect(await fixture.waitForReceived(2, seconds: 1).count == 1, "the refused send went nowhere")
        }
    }

    @Test func aNetworkIsLimitedAcrossItsAddressesBehindATrustedProxy() async throws {
        let fixture = try ServerFixture(web: "web: {limits: {measures_per_minute: 5, measures_per_minute_per_network: 2}}")
        try await fixture.test(options: SiteOptions(trustForwardedFor: true)) { client in
            func measure(from address: String) async throws -> HTTPResponse.Status {
                var headers = Browser.jsonHeaders()
                headers[.init("X-Forwarded-For")!] = "203.0.113.9, \(address)"
                return try await client.execute(uri: "/api/c/serve-test/measure", method: .post, headers: headers,
                                                body: ByteBuffer(string: #"{"text": "x"}"#)).status
            }
            let status1 = try await measure(from: "192.0.2.1")
            #expect(status1 == .ok)
            let status2 = try await measure(from: "192.0.2.2")
            #expect(status2 == .ok)
            let status3 = try await measure(from: "192.0.2.3")
            #expect(status3 == .tooManyRequests, "the /24 has had its two")
            let status4 = try await measure(from: "198.51.100.1")
            #expect(status4 == .ok, "another network is counted apart")
            let status5 = try await measure(from: "2001:db8:1:2::1")
            #expect(status5 == .ok)
            let status6 = try await measure(from: "2001:db8:1:2::2")
            #expect(status6 == .ok, "the same /64 is one address, and the /48 its network")
            let status7 = try await measure(from: "2001:db8:1:3::1")
            #expect(status7 == .tooManyRequests, "the /48 has had its two")
        }
    }

    @Test func clientAddressesAreCountedByHostAndNetworkBlocks() throws {
        let v4 = try #require(ClientAddress("192.0.2.77"))
        #expect(v4.host == "v4:192.0.2.77")
        #expect(v4.network == "v4:192.0.2")
        #expect(ClientAddress("::ffff:192.0.2.77") == v4, "an IPv4-mapped address is IPv4")
        let a = try #require(ClientAddress("2001:db8:aa:bb:1::1"))
        let b = try #require(ClientAddress("[2001:db8:aa:bb:ffff::2]"))
        #expect(a.host == b.host, "one /64")
        #expect(a.host == "v6:20010db800aa00bb")
        #expect(a.network == "v6:20010db800aa")
        #expect(ClientAddress("localhost") == nil)
        #expect(ClientAddress.of(peer: "127.0.0.1", forwardedFor: "192.0.2.1", trustForwardedFor: false)?.host == "v4:127.0.0.1",
                "X-Forwarded-For is ignored unless trusted")
    }

    @Test func everyAnswerCarriesTheSafetyHeadersAndThePagesNoInlineScript() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            for uri in ["/", "/c/serve-test/", "/c/serve-test/d/W1", "/c/nope/", "/api/c/serve-test", "/assets/cartable.js", "/assets/icon.svg"] {
                let response = try await client.execute(uri: uri, method: .get)
                let policy = try #require(response.headers[.contentSecurityPolicy], "\(uri)")
                #expect(!policy.contains("unsafe-inline"))
                #expect(policy.contains("script-src 'self'"))
                #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(uri)")
                #expect(response.headers[.init("Referrer-Policy")!] == "same-origin", "\(uri)")
            }
            let campaign = try await client.execute(uri: "/c/serve-test/", method: .get)
            #expect(campaign.headers[.contentSecurityPolicy]?.hasSuffix("frame-ancestors 'self' https://partner.example") == true)
            let home = try await client.execute(uri: "/", method: .get)
            #expect(home.headers[.contentSecurityPolicy]?.hasSuffix("frame-ancestors 'self'") == true)
            let html = Browser.text(campaign)
            #expect(html.contains(#"<script src="/assets/cartable.js" defer></script>"#))
            #expect(html.contains(#"<link rel="icon" href="/assets/icon.svg""#), "an icon of our own: no request for /favicon.ico")
            #expect(html.components(separatedBy: "<script").count == 2, "one script, from a file")
            #expect(!html.contains(" style="), "no inline style")
            let script = try await client.execute(uri: "/assets/cartable.js", method: .get)
            #expect(script.headers[.contentType] == "text/javascript; charset=utf-8")
            #expect(Browser.text(script).contains("aria") || Browser.text(script).contains("live-count"))
        }
    }

    @Test func theSupporterCookieIsHttpOnlyLaxAndSecureOnlyBehindHTTPS() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let cookie = try #require(try await client.execute(uri: "/c/serve-test/", method: .get).headers[values: .setCookie].first { $0.hasPrefix("cartable_supporter=") })
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(!cookie.contains("Secure"))
            let value = try #require(cookie.split(separator: ";").first?.dropFirst("cartable_supporter=".count))
            #expect(SupporterID(String(value)) != nil)
            let again = try await client.execute(uri: "/c/serve-test/", method: .get, headers: [.cookie: "cartable_supporter=\(value)"])
            #expect(Browser.supporterCookie(again) == nil, "a known supporter keeps their id")
        }
        let behindTLS = SiteOptions(publicURL: URL(string: "https://write.example.org"))
        try await fixture.test(options: behindTLS) { client in
            let cookie = try #require(try await client.execute(uri: "/c/serve-test/", method: .get).headers[values: .setCookie].first)
            #expect(cookie.contains("Secure"))
            // Forms must now come from the public origin.
            let local = try await client.execute(uri: "/c/serve-test/d/W1/edit", method: .post, headers: Browser.formHeaders(), body: Browser.form([("text", "x")]))
            #expect(local.status == .forbidden)
            let public_ = try await client.execute(uri: "/c/serve-test/d/W1/edit", method: .post,
                                                   headers: Browser.formHeaders(origin: "https://write.example.org"), body: Browser.form([("text", "x")]))
            #expect(public_.status == .ok)
        }
    }

    @Test func healthzAnswersWhenTheOutboxDoes() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .ok)
            #expect(Browser.text(health) == "ok\n")
        }
    }
}
