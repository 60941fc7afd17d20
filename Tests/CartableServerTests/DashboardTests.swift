import Cartable
import CartableServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The organiser's dashboard (`/admin/c/{id}`), driven over real HTTP against the site on loopback with its real
/// SQLite outbox and its real sender (posting to the fixture's webhook receiver).
@Suite("cartable serve: the organiser's dashboard")
struct DashboardTests {
    static let token = "organiser-token-\(UUID().uuidString)"

    /// Logs in with `token` from the site's own origin; the answer.
    static func logIn(_ client: any TestClientProtocol, token: String = DashboardTests.token, origin: String? = Browser.origin) async throws -> TestResponse {
        try await client.execute(uri: "/admin/login", method: .post, headers: Browser.formHeaders(origin: origin),
                                 body: Browser.form([("token", token), ("c", "serve-test")]))
    }

    /// `cartable_admin=…` from a login's answer.
    static func sessionCookie(_ response: TestResponse) -> String? {
        response.headers[values: .setCookie].first { $0.hasPrefix("cartable_admin=") }.map { String($0.prefix { $0 != ";" }) }
    }

    /// Sends the campaign's wording to `deputy` as a new supporter on the supporters' page.
    static func supporterSends(_ client: any TestClientProtocol, to deputy: String) async throws {
        let page = try await client.execute(uri: "/c/serve-test/d/\(deputy)", method: .get)
        let cookie = try #require(Browser.supporterCookie(page))
        let sent = try await client.execute(uri: "/c/serve-test/d/\(deputy)/send", method: .post, headers: Browser.formHeaders(cookie: cookie),
                                            body: Browser.form([("turn", "0")]))
        #expect(sent.status == .seeOther)
    }

    @Test func withoutATokenTheDashboardIsOffAndSaysHowToTurnItOn() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let page = try await client.execute(uri: "/admin/c/serve-test", method: .get, headers: [.acceptLanguage: "en"])
            #expect(page.status == .notFound)
            #expect(Browser.text(page).contains("Set CARTABLE_ADMIN_TOKEN"))
            let french = Browser.text(try await client.execute(uri: "/admin/login", method: .get, headers: [.acceptLanguage: "fr"]))
            #expect(french.contains("Le tableau de bord est désactivé") && french.contains("CARTABLE_ADMIN_TOKEN"))
            for guess in ["", "organiser", Self.token] {
                let login = try await Self.logIn(client, token: guess)
                #expect(login.status == .unauthorized)
                #expect(Self.sessionCookie(login) == nil)
            }
            #expect(try await client.execute(uri: "/admin/c/serve-test/events", method: .get).status == .unauthorized)
        }
    }

    @Test func aWrongTokenIs401AndLoginsFromOneAddressAreLimited() async throws {
        let fixture = try ServerFixture()
        try await fixture.test(options: SiteOptions(adminToken: Self.token)) { client in
            // Near misses too: the token less its last character, the token and one more, another case.
            let guesses = [String(Self.token.dropLast()), Self.token + "x", Self.token.uppercased(), ""] + (1...6).map { "guess-\($0)" }
            for guess in guesses {
                let wrong = try await Self.logIn(client, token: guess)
                #expect(wrong.status == .unauthorized)
                #expect(Self.sessionCookie(wrong) == nil)
                #expect(!Browser.text(wrong).contains(Self.token))
            }
            // The eleventh, even with the right token, waits.
            let limited = try await Self.logIn(client)
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers[.retryAfter].flatMap(Int.init).map { $0 > 0 } == true)
            #expect(Self.sessionCookie(limited) == nil)
        }
    }

    @Test func theLoginSetsAStrictHttpOnlySessionCookieThatIsNotTheTokenAndLogoutEndsIt() async throws {
        let fixture = try ServerFixture()
        try await fixture.test(options: SiteOptions(adminToken: Self.token)) { client in
            let anonymous = try await client.execute(uri: "/admin/c/serve-test", method: .get)
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.headers[.location] == "/admin/login?c=serve-test")
            let login = try await Self.logIn(client)
            #expect(login.status == .seeOther)
            #expect(login.headers[.location] == "/admin/c/serve-test")
            let setCookie = try #require(login.headers[values: .setCookie].first { $0.hasPrefix("cartable_admin=") })
            let attributes = Set(setCookie.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
            #expect(attributes.contains("httponly"))
            #expect(attributes.contains("samesite=strict"))
            #expect(attributes.contains("path=/admin"))
            #expect(!attributes.contains("secure"), "plain http on loopback")
            #expect(!setCookie.contains(Self.token))
            let cookie = try #require(Self.sessionCookie(login))
            #expect(cookie.count > "cartable_admin=".count + 40, "a long random session id")

            let page = try await client.execute(uri: "/admin/c/serve-test", method: .get, headers: [.cookie: cookie])
            #expect(page.status == .ok)
            #expect(Browser.text(page).contains("Tableau de bord"))
            let logout = try await client.execute(uri: "/admin/logout", method: .post, headers: Browser.formHeaders(cookie: cookie))
            #expect(logout.status == .seeOther)
            #expect(logout.headers[values: .setCookie].contains { $0.hasPrefix("cartable_admin=;") && $0.contains("Max-Age=0") })
            #expect(try await client.execute(uri: "/admin/c/serve-test", method: .get, headers: [.cookie: cookie]).status == .seeOther,
                    "the old session id opens nothing")
        }
        // Behind https, the cookie is Secure.
        let secure = SiteOptions(publicURL: URL(string: "https://write.example.org"), adminToken: Self.token)
        try await fixture.test(options: secure) { client in
            let login = try await Self.logIn(client, origin: "https://write.example.org")
            #expect(login.status == .seeOther)
            #expect(login.headers[values: .setCookie].contains { $0.hasPrefix("cartable_admin=") && $0.contains("Secure") })
        }
    }

    @Test func theDashboardShowsTheStatusReportsNumbersAndTheTokenIsInNoAnswer() async throws {
        let fixture = try ServerFixture()
        try await fixture.test(options: SiteOptions(adminToken: Self.token)) { client in
            try await Self.supporterSends(client, to: "W1")
            try await Self.supporterSends(client, to: "W2")
            _ = await fixture.waitForReceived(2)
            let outbox = try SQLiteOutbox(path: fixture.outboxPath, access: .readOnly)
            _ = try await eventually({ try await outbox.report(campaignID: "serve-test", errorLimit: 10) }, until: { $0.states[.sent] == 2 })
            let login = try await Self.logIn(client)
            let cookie = try #require(Self.sessionCookie(login))
            var answers = [login]
            let page = try await client.execute(uri: "/admin/c/serve-test?lang=en", method: .get, headers: [.cookie: cookie])
            answers.append(page)
            let html = Browser.text(page)
            let report = try await outbox.report(campaignID: "serve-test", errorLimit: 10)
            for state in OutboxState.allCases {
                #expect(html.contains("<td data-state=\"\(state.rawValue)\">\(report.states[state, default: 0])</td>"), "\(state)")
            }
            #expect(html.contains("<td data-total=\"1\">\(report.total)</td>"))
            #expect(html.contains("data-reached=\"2\""))
            #expect(html.contains("2 of 7 deputies reached, 5 not yet."))
            #expect(html.contains("data-supporters=\"2\""), "two supporters today")
            #expect(html.contains("data-sent-today=\"2\""))
            #expect(html.contains("<svg class=\"sends\""), "the chart")
            #expect(html.contains("<th scope=\"row\">SOC</th><td>2 / 3</td>"), "both reached deputies are SOC, of 3 SOC targets")

            // The events stream's first figures are the library's report, encoded as `status --format json` encodes it.
            let port = try #require(client.port)
            let stream = try EventStreamReader(port: port, path: "/admin/c/serve-test/events?lang=en", headers: ["Cookie": cookie])
            defer { stream.stop() }
            let first = try #require(await stream.waitForFigures { !$0.isEmpty }.first)
            let streamed = try #require((first["figures"] as? [String: Any])?["report"] as? [String: Any])
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .iso8601
            let expected = try #require(try JSONSerialization.jsonObject(with: encoder.encode(report)) as? [String: Any])
            #expect(NSDictionary(dictionary: streamed) == NSDictionary(dictionary: expected))
            #expect(stream.text.hasPrefix("HTTP/1.1 200") && stream.text.lowercased().contains("content-type: text/event-stream"))

            for uri in ["/admin/login", "/admin", "/admin/c/serve-test", "/assets/admin.js", "/assets/admin.css"] {
                answers.append(try await client.execute(uri: uri, method: .get, headers: [.cookie: cookie]))
            }
            answers.append(try await client.execute(uri: "/admin/c/serve-test/pause", method: .post, headers: Browser.formHeaders(cookie: cookie)))
            for answer in answers {
                #expect(!Browser.text(answer).contains(Self.token))
                #expect(!answer.headers.contains { $0.value.contains(Self.token) })
            }
            #expect(!stream.text.contains(Self.token))
        }
    }

    @Test func theEventsStreamPushesASendMadeOnTheSupportersPage() async throws {
        let fixture = try ServerFixture()
        try await fixture.test(options: SiteOptions(adminToken: Self.token)) { client in
            let cookie = try #require(Self.sessionCookie(try await Self.logIn(client)))
            let stream = try EventStreamReader(port: try #require(client.port), path: "/admin/c/serve-test/events", headers: ["Cookie": cookie])
            defer { stream.stop() }
            func sent(_ event: [String: Any]) -> Int? {
                (((event["figures"] as? [String: Any])?["report"] as? [String: Any])?["states"] as? [String: Any])?["sent"] as? Int
            }
            let before = await stream.waitForFigures { !$0.isEmpty }
            #expect(before.first.flatMap(sent) == 0)
            try await Self.supporterSends(client, to: "W3")
            let after = await stream.waitForFigures { $0.contains { sent($0) == 1 } }
            #expect(after.contains { sent($0) == 1 }, "the send appears on the open stream")
            let parts = try #require(after.last?["parts"] as? [String: Any])
            #expect((parts["states"] as? String)?.contains("<td data-state=\"sent\">1</td>") == true, "with the page's part rendered again")
            // Without a session: 401, no stream.
            let anonymous = try EventStreamReader(port: try #require(client.port), path: "/admin/c/serve-test/events", headers: [:])
            defer { anonymous.stop() }
            let answer = await anonymous.waitForStatusLine()
            #expect(answer.hasPrefix("HTTP/1.1 401"), "\(answer)")
            #expect(anonymous.figures.isEmpty)
        }
    }

    @Test func pauseCancelRetryAndResumeChangeTheOutbox() async throws {
        let fixture = try ServerFixture()
        try await fixture.test(options: SiteOptions(adminToken: Self.token)) { client in
            let cookie = try #require(Self.sessionCookie(try await Self.logIn(client)))
            func act(_ action: String) async throws -> String? {
                let answer = try await client.execute(uri: "/admin/c/serve-test/\(action)", method: .post, headers: Browser.formHeaders(cookie: cookie))
                #expect(answer.status == .seeOther)
                return answer.headers[.location]
            }
            let outbox = try SQLiteOutbox(path: fixture.outboxPath)
            try await Self.supporterSends(client, to: "W1")   // creates the campaign's rows, sent
            _ = await fixture.waitForReceived(1)

            #expect(try await act("pause") == "/admin/c/serve-test?done=paused")
            #expect(try await outbox.pausedCampaigns().map(\.campaignID) == ["serve-test"])
            let paused = Browser.text(try await client.execute(uri: "/admin/c/serve-test?done=paused", method: .get, headers: [.cookie: cookie]))
            #expect(paused.contains("Envois mis en pause.") && paused.contains("data-paused=\"1\"") && paused.contains("/admin/c/serve-test/resume"))
            try await Self.supporterSends(client, to: "W2")
            try await Task.sleep(for: .seconds(1))
            #expect(try await outbox.report(campaignID: "serve-test", errorLimit: 5).states[.queued] == 1, "held while paused")
            #expect(fixture.received.count == 1)

            #expect(try await act("cancel") == "/admin/c/serve-test?done=cancelled&n=1")
            #expect(try await outbox.report(campaignID: "serve-test", errorLimit: 5).states[.cancelled] == 1)
            #expect(try await act("retry") == "/admin/c/serve-test?done=retried&n=1")
            #expect(try await outbox.report(campaignID: "serve-test", errorLimit: 5).states[.queued] == 1)
            #expect(try await act("resume") == "/admin/c/serve-test?done=resumed")
            #expect(try await outbox.pausedCampaigns().isEmpty)
            #expect(await fixture.waitForReceived(2).count == 2, "the held message goes once resumed")
            #expect(try await act("resume") == "/admin/c/serve-test?done=unchanged")
        }
    }

    @Test func anActionWithoutOriginOrSessionIsRefusedAndChangesNothing() async throws {
        let fixture = try ServerFixture()
        try await fixture.test(options: SiteOptions(adminToken: Self.token)) { client in
            try await Self.supporterSends(client, to: "W1")
            let cookie = try #require(Self.sessionCookie(try await Self.logIn(client)))
            let noOrigin = try await client.execute(uri: "/admin/c/serve-test/pause", method: .post, headers: Browser.formHeaders(origin: nil, cookie: cookie))
            #expect(noOrigin.status == .forbidden)
            let foreign = try await client.execute(uri: "/admin/c/serve-test/pause", method: .post,
                                                   headers: Browser.formHeaders(origin: "https://partner.example", cookie: cookie))
            #expect(foreign.status == .forbidden, "the campaign's embedding sites may not act on the dashboard")
            let noSession = try await client.execute(uri: "/admin/c/serve-test/pause", method: .post, headers: Browser.formHeaders())
            #expect(noSession.status == .unauthorized)
            let outbox = try SQLiteOutbox(path: fixture.outboxPath, access: .readOnly)
            #expect(try await outbox.pausedCampaigns().isEmpty)
            let loginWithoutOrigin = try await Self.logIn(client, origin: nil)
            #expect(loginWithoutOrigin.status == .forbidden)
        }
    }
}
