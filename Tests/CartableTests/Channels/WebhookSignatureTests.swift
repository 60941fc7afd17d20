import Foundation
import Testing
@testable import Cartable

@Suite("webhook signature")
struct WebhookSignatureTests {
    let secret = Secret("test-secret")
    let body = Data(#"{"text":"Bonjour"}"#.utf8)

    /// Computed outside Swift: printf '%s' '1700000000.{"text":"Bonjour"}' | openssl dgst -sha256 -hmac 'test-secret'
    @Test("matches openssl's HMAC-SHA256 over timestamp.body")
    func matchesOpenSSL() {
        #expect(WebhookSignature.signature(body: body, timestamp: 1_700_000_000, secret: secret)
            == "sha256=ed811bc5b7ebc57d5a452cef6119ca4d854ada7292743a401cb59add2732e910")
    }

    @Test("verification accepts the signature and rejects a changed body, secret, timestamp or a stale one")
    func verification() {
        let now = Date(timeIntervalSince1970: 1_700_000_060)
        let signature = WebhookSignature.signature(body: body, timestamp: 1_700_000_000, secret: secret)
        #expect(WebhookSignature.isValid(signature: signature, body: body, timestamp: "1700000000", secret: secret, now: now))
        #expect(!WebhookSignature.isValid(signature: signature, body: Data(#"{"text":"Bonsoir"}"#.utf8), timestamp: "1700000000", secret: secret, now: now))
        #expect(!WebhookSignature.isValid(signature: signature, body: body, timestamp: "1700000000", secret: Secret("other"), now: now))
        #expect(!WebhookSignature.isValid(signature: signature, body: body, timestamp: "1700000001", secret: secret, now: now))
        #expect(!WebhookSignature.isValid(signature: signature, body: body, timestamp: "1700000000", secret: secret,
                                          now: now.addingTimeInterval(3600)))
        #expect(!WebhookSignature.isValid(signature: "sha256=zz", body: body, timestamp: "1700000000", secret: secret, now: now))
        #expect(!WebhookSignature.isValid(signature: "", body: body, timestamp: "soon", secret: secret, now: now))
    }

    @Test("the payload is deterministic JSON with the documented fields, escaped")
    func payload() throws {
        let message = OutgoingMessage(
            idempotencyKey: IdempotencyKey(campaign: "c", supporter: "s", recipient: "r", channel: .webhook),
            text: "« Madame », \"quote\"\nligne 2 \u{1}", language: "fr")
        let text = WebhookSender.payload(message)
        #expect(text == WebhookSender.payload(message))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String])
        #expect(object == ["idempotencyKey": "c/s/r/webhook", "campaignID": "c", "recipientID": "r", "channel": "webhook",
                           "text": "« Madame », \"quote\"\nligne 2 \u{1}", "language": "fr"])
        #expect(text.hasPrefix(#"{"idempotencyKey":"c/s/r/webhook","campaignID":"c","recipientID":"r","channel":"webhook","text":"#))
    }
}
