import Foundation
import HTTPTypes
import Testing
@testable import Cartable

/// The channels' pure response classification, one row per status and header style.
@Suite("response classification")
struct ResponseClassificationTests {
    let now = Date(timeIntervalSince1970: 1_700_000_000)

    func response(_ status: Int, _ body: String = "", headers: [String: String] = [:]) -> HTTPTransportResponse {
        var fields = HTTPFields()
        for (name, value) in headers { fields[HTTPField.Name(name)!] = value }
        return HTTPTransportResponse(head: HTTPResponse(status: .init(code: status), headerFields: fields), body: Data(body.utf8))
    }

    @Test("X: 201 delivered with id and URL")
    func xDelivered() {
        #expect(XSender.delivery(for: response(201, #"{"data":{"id":"1445880548472328192","text":"hi"}}"#), now: now)
            == .delivered(postID: "1445880548472328192", postURL: "https://x.com/i/web/status/1445880548472328192"))
    }

    @Test("X: 403 duplicate content (v2) and code 187 (v1.1) are duplicates; other 403s are permanent")
    func xDuplicate() {
        let v2 = #"{"detail":"You are not allowed to create a Tweet with duplicate content.","type":"about:blank","title":"Forbidden","status":403}"#
        #expect(XSender.delivery(for: response(403, v2), now: now)
            == .duplicate(message: "HTTP 403: You are not allowed to create a Tweet with duplicate content."))
        #expect(XSender.delivery(for: response(403, #"{"errors":[{"code":187,"message":"Status is a duplicate."}]}"#), now: now)
            .isDelivered)
        #expect(XSender.delivery(for: response(403, #"{"detail":"You are not permitted to perform this action."}"#), now: now)
            == .permanentFailure(message: "HTTP 403: You are not permitted to perform this action."))
    }

    @Test("X: 429 resets at the latest exhausted limit (24-hour cap over the 15-minute window)")
    func xRateLimit() {
        let windowOnly = response(429, #"{"title":"Too Many Requests"}"#, headers: [
            "x-rate-limit-remaining": "0", "x-rate-limit-reset": "1700000900",
        ])
        #expect(XSender.delivery(for: windowOnly, now: now)
            == .rateLimited(retryAt: Date(timeIntervalSince1970: 1_700_000_900), message: "HTTP 429: Too Many Requests"))
        let dailyCap = response(429, "", headers: [
            "x-rate-limit-remaining": "12", "x-rate-limit-reset": "1700000900",
            "x-user-limit-24hour-remaining": "0", "x-user-limit-24hour-reset": "1700050000",
        ])
        #expect(XSender.delivery(for: dailyCap, now: now) == .rateLimited(retryAt: Date(timeIntervalSince1970: 1_700_050_000), message: "HTTP 429"))
        #expect(XSender.delivery(for: response(429), now: now) == .rateLimited(retryAt: nil, message: "HTTP 429"))
    }

    @Test("X: 401 permanent, 503 transient and maybe sent")
    func xFailures() {
        #expect(XSender.delivery(for: response(401, #"{"title":"Unauthorized","detail":"Unauthorized"}"#), now: now)
            == .permanentFailure(message: "X refused the credentials: HTTP 401: Unauthorized"))
        #expect(XSender.delivery(for: response(503, "upstream down"), now: now)
            == .transientFailure(message: "HTTP 503: upstream down", mayHaveReachedServer: true))
    }

    @Test("Mastodon: 200 status, 429 with ISO reset, 422 validation, 401 token")
    func mastodon() {
        #expect(MastodonSender.delivery(for: response(200, #"{"id":"103704874086360371","url":"https://mastodon.social/@a/103704874086360371"}"#), now: now)
            == .delivered(postID: "103704874086360371", postURL: "https://mastodon.social/@a/103704874086360371"))
        let limited = MastodonSender.delivery(
            for: response(429, #"{"error":"Too many requests"}"#, headers: ["X-RateLimit-Reset": "2023-11-14T22:18:20.000000Z"]), now: now)
        #expect(limited == .rateLimited(retryAt: Date(timeIntervalSince1970: 1_700_000_300), message: "HTTP 429: Too many requests"))
        #expect(MastodonSender.delivery(for: response(422, #"{"error":"Validation failed: Text can't be blank"}"#), now: now)
            == .permanentFailure(message: "HTTP 422: Validation failed: Text can't be blank"))
        #expect(MastodonSender.delivery(for: response(401, #"{"error":"The access token is invalid"}"#), now: now)
            == .permanentFailure(message: "Mastodon refused the access token: HTTP 401: The access token is invalid"))
        #expect(MastodonSender.delivery(for: response(502), now: now) == .transientFailure(message: "HTTP 502", mayHaveReachedServer: true))
    }

    @Test("Bluesky: 200 record, 429 RateLimit-Reset, 400 validation")
    func bluesky() {
        let did = "did:plc:abc"
        #expect(BlueskySender.delivery(for: response(200, #"{"uri":"at://did:plc:abc/app.bsky.feed.post/3k2yihcrp6f2c","cid":"bafy"}"#), did: did, now: now)
            == .delivered(postID: "at://did:plc:abc/app.bsky.feed.post/3k2yihcrp6f2c", postURL: "https://bsky.app/profile/did:plc:abc/post/3k2yihcrp6f2c"))
        #expect(BlueskySender.delivery(
            for: response(429, #"{"error":"RateLimitExceeded","message":"Rate Limit Exceeded"}"#, headers: ["RateLimit-Reset": "1700003600"]),
            did: did, now: now)
            == .rateLimited(retryAt: Date(timeIntervalSince1970: 1_700_003_600), message: "HTTP 429: RateLimitExceeded: Rate Limit Exceeded"))
        #expect(BlueskySender.delivery(for: response(400, #"{"error":"InvalidRequest","message":"Record/text must not be longer than 300 graphemes"}"#), did: did, now: now)
            == .permanentFailure(message: "HTTP 400: InvalidRequest: Record/text must not be longer than 300 graphemes"))
        #expect(BlueskySender.isExpiredSession(response(400, #"{"error":"ExpiredToken","message":"Token has expired"}"#)))
        #expect(!BlueskySender.isExpiredSession(response(400, #"{"error":"InvalidRequest"}"#)))
    }

    @Test("webhook: 2xx, 409 duplicate, 429 Retry-After, 500 transient, 404 permanent")
    func webhook() {
        #expect(WebhookSender.delivery(for: response(202, #"{"id":42}"#), now: now) == .delivered(postID: "42", postURL: nil))
        #expect(WebhookSender.delivery(for: response(204), now: now) == .delivered(postID: nil, postURL: nil))
        #expect(WebhookSender.delivery(for: response(409, "seen"), now: now) == .duplicate(message: "HTTP 409: seen"))
        #expect(WebhookSender.delivery(for: response(429, headers: ["Retry-After": "30"]), now: now)
            == .rateLimited(retryAt: now.addingTimeInterval(30), message: "HTTP 429"))
        #expect(WebhookSender.delivery(for: response(500), now: now) == .transientFailure(message: "HTTP 500", mayHaveReachedServer: true))
        #expect(WebhookSender.delivery(for: response(404, "<html>nope</html>"), now: now) == .permanentFailure(message: "HTTP 404: <html>nope</html>"))
    }

    @Test("a huge or binary error body is clipped (after redaction, as every sender applies it), never a crash")
    func hugeBody() {
        let delivery = WebhookSender.delivery(for: response(400, String(repeating: "é", count: 10_000)), now: now).redacting(Redaction([]))
        guard case .permanentFailure(let message) = delivery else {
            Issue.record("expected a permanent failure, got \(delivery)")
            return
        }
        #expect(message.count <= 320)
        let binary = HTTPTransportResponse(head: HTTPResponse(status: .badRequest), body: Data([0xFF, 0xFE, 0x00, 0x81]))
        #expect(!WebhookSender.delivery(for: binary, now: now).isDelivered)
    }
}
