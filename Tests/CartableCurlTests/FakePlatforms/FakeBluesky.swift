@testable import CartableCurl
import Foundation
import LoopbackHTTPServer

/// A Bluesky PDS: createSession / refreshSession with expiring tokens, resolveHandle, and createRecord, which checks
/// the Bearer token, the repo DID, the record, and that every facet's UTF-8 byte range covers the mention or URL it
/// claims. Counts sessions and lookups so tests can see they are reused.
final class FakeBluesky: @unchecked Sendable {
    struct State {
        var access = ""
        var refresh = ""
        var accessExpired = false
        var refreshExpired = false
        var rateLimited = false
        var sessionsCreated = 0
        var sessionsRefreshed = 0
        var handleLookups = 0
        var records: [[String: Any]] = []
        var problems: [String] = []
    }

    let handle: String
    let appPassword: String
    let did = "did:plc:campaignaccount000000"
    let knownHandles: [String: String]
    private let state = Locked(State())

    init(handle: String, appPassword: String, knownHandles: [String: String]) {
        self.handle = handle
        self.appPassword = appPassword
        self.knownHandles = knownHandles
    }

    func snapshot() -> State { state.withLock { $0 } }
    func update(_ change: (inout State) -> Void) { state.withLock(change) }

    func handle(_ request: LoopbackRequest) -> LoopbackReply {
        switch (request.method, request.path) {
        case ("POST", "/xrpc/com.atproto.server.createSession"): createSession(request)
        case ("POST", "/xrpc/com.atproto.server.refreshSession"): refreshSession(request)
        case ("GET", "/xrpc/com.atproto.identity.resolveHandle"): resolveHandle(request)
        case ("POST", "/xrpc/com.atproto.repo.createRecord"): createRecord(request)
        default: Fake.json(404, ["error": "MethodNotImplemented", "message": "Method Not Implemented"])
        }
    }

    private func issueTokens(_ state: inout State) -> LoopbackReply {
        let serial = state.sessionsCreated + state.sessionsRefreshed
        state.access = "access-\(serial)-\(UUID().uuidString)"
        state.refresh = "refresh-\(serial)-\(UUID().uuidString)"
        state.accessExpired = false
        state.refreshExpired = false
        return Fake.json(200, ["accessJwt": state.access, "refreshJwt": state.refresh, "handle": handle, "did": did])
    }

    private func createSession(_ request: LoopbackRequest) -> LoopbackReply {
        let body = Fake.bodyObject(request)
        guard body?["identifier"] as? String == handle, body?["password"] as? String == appPassword else {
            return Fake.json(401, ["error": "AuthenticationRequired", "message": "Invalid identifier or password"])
        }
        return state.withLock { state in
            state.sessionsCreated += 1
            return issueTokens(&state)
        }
    }

    private func refreshSession(_ request: LoopbackRequest) -> LoopbackReply {
        state.withLock { state in
            guard Fake.bearer(request) == state.refresh, !state.refreshExpired else {
                return Fake.json(400, ["error": "ExpiredToken", "message": "Token has expired"])
            }
            state.sessionsRefreshed += 1
            return issueTokens(&state)
        }
    }

    private func resolveHandle(_ request: LoopbackRequest) -> LoopbackReply {
        state.withLock { $0.handleLookups += 1 }
        let wanted = request.rawQueryItems.first { $0.name == "handle" }.flatMap { LoopbackForm.decode($0.value) } ?? ""
        guard let did = knownHandles[wanted] else {
            return Fake.json(400, ["error": "InvalidRequest", "message": "Unable to resolve handle"])
        }
        return Fake.json(200, ["did": did])
    }

    private func createRecord(_ request: LoopbackRequest) -> LoopbackReply {
        let verdict: LoopbackReply? = state.withLock { state in
            if state.rateLimited {
                return Fake.json(429, ["error": "RateLimitExceeded", "message": "Rate Limit Exceeded"], headers: [
                    ("RateLimit-Limit", "5000"), ("RateLimit-Remaining", "0"), ("RateLimit-Reset", "1900000000"), ("RateLimit-Policy", "5000;w=3600"),
                ])
            }
            guard Fake.bearer(request) == state.access else { return Fake.json(401, ["error": "InvalidToken", "message": "Bad token"]) }
            return state.accessExpired ? Fake.json(400, ["error": "ExpiredToken", "message": "Token has expired"]) : nil
        }
        if let verdict { return verdict }
        guard let body = Fake.bodyObject(request), body["repo"] as? String == did, body["collection"] as? String == "app.bsky.feed.post",
            let record = body["record"] as? [String: Any], record["$type"] as? String == "app.bsky.feed.post",
            let text = record["text"] as? String, let createdAt = record["createdAt"] as? String,
            createdAt.hasSuffix("Z"), ISO8601DateFormatter().date(from: createdAt.replacingOccurrences(of: #"\.\d+"#, with: "", options: .regularExpression)) != nil
        else { return problem("record is not a valid app.bsky.feed.post") }
        for facet in record["facets"] as? [[String: Any]] ?? [] {
            if let issue = facetProblem(facet, in: text) { return problem(issue) }
        }
        let rkey = state.withLock { state -> String in
            state.records.append(record)
            return "3k\(state.records.count)abcdefgh"
        }
        return Fake.json(200, ["uri": "at://\(did)/app.bsky.feed.post/\(rkey)", "cid": "bafyreib\(rkey)"])
    }

    private func facetProblem(_ facet: [String: Any], in text: String) -> String? {
        let bytes = Array(text.utf8)
        guard let index = facet["index"] as? [String: Any], let start = index["byteStart"] as? Int, let end = index["byteEnd"] as? Int,
            0 <= start, start < end, end <= bytes.count, let feature = (facet["features"] as? [[String: Any]])?.first
        else { return "facet index out of range" }
        guard let covered = String(validating: bytes[start..<end], as: UTF8.self) else { return "facet splits a character" }
        switch feature["$type"] as? String {
        case "app.bsky.richtext.facet#mention":
            guard covered.hasPrefix("@"), let did = knownHandles[String(covered.dropFirst()).lowercased()], feature["did"] as? String == did else {
                return "mention facet covers '\(covered)'"
            }
        case "app.bsky.richtext.facet#link":
            let uri = feature["uri"] as? String
            guard uri == covered || uri == "https://" + covered else { return "link facet covers '\(covered)'" }
        default:
            return "unknown facet type"
        }
        return nil
    }

    private func problem(_ text: String) -> LoopbackReply {
        state.withLock { $0.problems.append(text) }
        return Fake.json(400, ["error": "InvalidRequest", "message": text])
    }
}
