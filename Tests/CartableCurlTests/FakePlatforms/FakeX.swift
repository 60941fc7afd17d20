import Cartable
@testable import CartableCurl
import Crypto
import Foundation
import LoopbackHTTPServer

/// X's `POST /2/tweets`: recomputes the OAuth 1.0a HMAC-SHA1 signature from the test secrets (with code written
/// here, not Cartable's signer), rejects a reused nonce or stale timestamp, checks the JSON body, and can answer
/// duplicate-content 403, 429 with X's reset headers, or 503.
final class FakeX: @unchecked Sendable {
    enum Mode { case accept, duplicate, rateLimited, serverError }

    let consumerKey: String
    let consumerSecret: String
    let token: String
    let tokenSecret: String
    private let state = Locked<(mode: Mode, nonces: Set<String>, texts: [String], problems: [String])>((.accept, [], [], []))

    init(consumerKey: String, consumerSecret: String, token: String, tokenSecret: String) {
        self.consumerKey = consumerKey
        self.consumerSecret = consumerSecret
        self.token = token
        self.tokenSecret = tokenSecret
    }

    var mode: Mode {
        get { state.withLock { $0.mode } }
        set { state.withLock { $0.mode = newValue } }
    }

    var texts: [String] { state.withLock { $0.texts } }
    var problems: [String] { state.withLock { $0.problems } }

    func handle(_ request: LoopbackRequest) -> LoopbackReply {
        guard request.method == "POST", request.path == "/2/tweets" else { return Fake.json(404, ["title": "Not Found"]) }
        if let problem = authenticationProblem(request) {
            state.withLock { $0.problems.append(problem) }
            return Fake.json(401, ["title": "Unauthorized", "type": "about:blank", "status": 401, "detail": "Unauthorized"])
        }
        guard request.header("Content-Type") == "application/json", let text = Fake.bodyObject(request)?["text"] as? String else {
            return Fake.json(400, ["title": "Invalid Request", "detail": "One or more parameters to your request was invalid."])
        }
        switch mode {
        case .duplicate:
            return Fake.json(403, [
                "detail": "You are not allowed to create a Tweet with duplicate content.", "type": "about:blank", "title": "Forbidden", "status": 403,
            ])
        case .rateLimited:
            return Fake.json(429, ["title": "Too Many Requests", "detail": "Too Many Requests", "status": 429], headers: [
                ("x-rate-limit-limit", "200"), ("x-rate-limit-remaining", "150"), ("x-rate-limit-reset", "1900000000"),
                ("x-user-limit-24hour-limit", "100"), ("x-user-limit-24hour-remaining", "0"), ("x-user-limit-24hour-reset", "1900050000"),
            ])
        case .serverError:
            return Fake.json(503, ["title": "Service Unavailable", "detail": "Service Unavailable"])
        case .accept:
            let id = state.withLock { state -> String in
                state.texts.append(text)
                return String(1_800_000_000_000_000_000 + state.texts.count)
            }
            return Fake.json(201, ["data": ["id": id, "text": text]])
        }
    }

    private func authenticationProblem(_ request: LoopbackRequest) -> String? {
        guard let header = request.header("Authorization"), header.hasPrefix("OAuth ") else { return "no OAuth header" }
        var oauth: [String: String] = [:]
        for pair in header.dropFirst(6).components(separatedBy: ", ") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, parts[1].hasPrefix("\""), parts[1].hasSuffix("\""),
                let key = String(parts[0]).removingPercentEncoding,
                let value = String(parts[1].dropFirst().dropLast()).removingPercentEncoding
            else { return "malformed OAuth header" }
            oauth[key] = value
        }
        guard oauth["oauth_consumer_key"] == consumerKey, oauth["oauth_token"] == token else { return "unknown key or token" }
        guard oauth["oauth_signature_method"] == "HMAC-SHA1", oauth["oauth_version"] == "1.0" else { return "method or version" }
        guard let timestamp = oauth["oauth_timestamp"].flatMap(Double.init), abs(Date().timeIntervalSince1970 - timestamp) < 300 else {
            return "stale timestamp"
        }
        guard let nonce = oauth["oauth_nonce"], !nonce.isEmpty, state.withLock({ $0.nonces.insert(nonce).inserted }) else {
            return "missing or reused nonce"
        }
        guard let signature = oauth.removeValue(forKey: "oauth_signature") else { return "no signature" }
        // The JSON body is not signed: only the oauth_* values (and a query, absent here).
        let parameters = oauth.map { (Fake.percentEncode($0.key), Fake.percentEncode($0.value)) }.sorted { $0 < $1 }
            .map { "\($0.0)=\($0.1)" }.joined(separator: "&")
        let url = "http://\(request.header("Host") ?? "")\(request.path)"
        let base = "POST&\(Fake.percentEncode(url))&\(Fake.percentEncode(parameters))"
        let key = SymmetricKey(data: Data("\(Fake.percentEncode(consumerSecret))&\(Fake.percentEncode(tokenSecret))".utf8))
        let expected = Data(HMAC<Insecure.SHA1>.authenticationCode(for: Data(base.utf8), using: key)).base64EncodedString()
        return signature == expected ? nil : "bad signature"
    }
}
