import Foundation
import HTTPTypes
import Testing
@testable import Cartable

@Suite("Bluesky record keys")
struct BlueskyRecordKeyTests {
    @Test("a message's record key is a TID made from the SHA-256 of its idempotency key, the same on every resend")
    func recordKey() {
        let key = IdempotencyKey(campaign: "retraites-2026", recipient: "PA1234", channel: .bluesky)
        // Computed independently: the first 8 bytes of SHA-256("retraites-2026/organiser/PA1234/bluesky"), top bit
        // cleared, in base32-sortable.
        #expect(BlueskyRecordKey(key).rawValue == "4uyqa57ljrm7x")
        #expect(BlueskyRecordKey(key) == BlueskyRecordKey(IdempotencyKey(campaign: "retraites-2026", recipient: "PA1234", channel: .bluesky)))
        #expect(BlueskyRecordKey(IdempotencyKey(campaign: "sensetwitt-2012", recipient: "jerome-guedj", channel: .bluesky)).rawValue == "4plyo4fe4xmsy")
        // Every key gives a valid TID, and different keys different ones.
        let keys = (0..<2000).map { BlueskyRecordKey(IdempotencyKey(campaign: "c", supporter: "s\($0)", recipient: "r", channel: .bluesky)).rawValue }
        #expect(keys.allSatisfy(BlueskyRecordKey.isTID))
        #expect(Set(keys).count == keys.count)
    }

    @Test("the TID syntax: 13 base32-sortable characters, the first one of 2–j")
    func syntax() {
        #expect(BlueskyRecordKey.isTID("3jzfcijpj2z2a"))
        #expect(BlueskyRecordKey.isTID("2222222222222"))
        #expect(BlueskyRecordKey.isTID("jzzzzzzzzzzzz"))
        for bad in ["kzzzzzzzzzzzz", "3jzfcijpj2z2", "3jzfcijpj2z2aa", "3jzfcijpj2z21", "3JZFCIJPJ2Z2A", "self"] {
            #expect(!BlueskyRecordKey.isTID(bad), "\(bad)")
        }
    }

    func response(_ status: Int, _ body: String) -> HTTPTransportResponse {
        HTTPTransportResponse(head: HTTPResponse(status: .init(code: status)), body: Data(body.utf8))
    }

    @Test("the answers that may mean the record key is taken: the reference PDS's 500, a 409, a 400 naming it")
    func existingRecordAnswers() {
        #expect(BlueskySender.mayMeanRecordExists(response(500, #"{"error":"InternalServerError","message":"Internal Server Error"}"#)))
        #expect(BlueskySender.mayMeanRecordExists(response(409, #"{"error":"RecordAlreadyExists"}"#)))
        #expect(BlueskySender.mayMeanRecordExists(response(400, #"{"error":"InvalidRequest","message":"Record already exists"}"#)))
        #expect(!BlueskySender.mayMeanRecordExists(response(400, #"{"error":"InvalidRequest","message":"Invalid rkey"}"#)))
        #expect(!BlueskySender.mayMeanRecordExists(response(429, #"{"error":"RateLimitExceeded"}"#)))
        #expect(!BlueskySender.mayMeanRecordExists(response(502, "")))
    }
}
