import Cartable
@testable import CartableCurl
import Crypto
import Foundation
import LoopbackHTTPServer

/// A webhook receiver that checks what a careful receiver would: the HMAC-SHA256 signature over
/// `timestamp.body` (recomputed here with Crypto, not with Cartable's code), a fresh timestamp, the
/// `Idempotency-Key` matching the body, and JSON fields. A repeated key gets 409.
final class FakeWebhookReceiver: @unchecked Sendable {
    enum Mode { case accept, rateLimited, serverError, slow, drop }

    let secret: String?
    private let state = Locked<(mode: Mode, keys: Set<String>, bodies: [[String: Any]], problems: [String])>((.accept, [], [], []))

    init(secret: String?) {
        self.secret = secret
    }

    var mode: Mode {
        get { state.withLock { $0.mode } }
        set { state.withLock { $0.mode = newValue } }
    }

    var problems: [String] { state.withLock { $0.problems } }
    var receivedBodies: [[String: Any]] { state.withLock { $0.bodies } }

    func handle(_ request: LoopbackRequest) -> LoopbackReply {
        if let problem = check(request) {
            state.withLock { $0.problems.append(problem) }
            return Fake.json(401, ["error": problem])
        }
        let key = request.header("Idempotency-Key") ?? ""
        let body = Fake.bodyObject(request) ?? [:]
        switch mode {
        case .rateLimited:
            return Fake.json(429, ["error": "slow down"], headers: [("Retry-After", "30")])
        case .serverError:
            return Fake.json(500, ["error": "receiver crashed"])
        case .slow:
            return .respondAfter(.seconds(3), LoopbackResponse.json(200, "{}"))
        case .drop:
            return .dropConnection
        case .accept:
            let isNew = state.withLock { state in
                state.bodies.append(body)
                return state.keys.insert(key).inserted
            }
            return isNew ? Fake.json(201, ["id": "hook-\(key)"]) : Fake.json(409, ["error": "already received \(key)"])
        }
    }

    private func check(_ request: LoopbackRequest) -> String? {
        guard request.method == "POST" else { return "method \(request.method)" }
        guard request.header("Content-Type") == "application/json" else { return "content type" }
        guard let body = Fake.bodyObject(request), let key = body["idempotencyKey"] as? String, body["text"] is String,
            body["recipientID"] is String, body["campaignID"] is String
        else { return "body is not the documented JSON" }
        guard request.header("Idempotency-Key") == key else { return "Idempotency-Key header differs from the body" }
        guard let secret else {
            return request.header("X-Cartable-Signature") == nil ? nil : "signed without a secret"
        }
        guard let timestamp = request.header("X-Cartable-Timestamp"), let seconds = Double(timestamp),
            abs(Date().timeIntervalSince1970 - seconds) < 300
        else { return "missing or stale timestamp" }
        guard let signature = request.header("X-Cartable-Signature"), signature.hasPrefix("sha256=") else { return "missing signature" }
        var signed = Data((timestamp + ".").utf8)
        signed.append(contentsOf: request.body)
        let expected = HMAC<SHA256>.authenticationCode(for: signed, using: SymmetricKey(data: Data(secret.utf8)))
            .map { String(format: "%02x", $0) }.joined()
        return signature == "sha256=" + expected ? nil : "bad signature"
    }
}
