import Cartable
@testable import CartableCurl
import Foundation
import LoopbackHTTPServer

/// A Bluesky PDS: createSession / refreshSession with expiring tokens, resolveHandle, createRecord and getRecord.
/// createRecord checks the Bearer token, the repo DID, the record, that every facet's UTF-8 byte range covers the
/// mention or URL it claims, and that a given `rkey` is a TID (as `app.bsky.feed.post` requires). Records are kept by
/// record key, and a record key already taken is refused as the reference PDS refuses it: a 500
/// `InternalServerError` (bluesky-social/atproto#3718). Counts sessions and lookups so tests can see they are reused.
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
        /// The records in the order they were created.
        var records: [[String: Any]] = []
        /// The record keys taken, in order.
        var recordKeys: [String] = []
        /// createRecord calls refused because their record key was taken.
        var refusedExisting = 0
        /// Set: createRecord answers 500 without storing anything.
        var failing = false
        /// getRecord calls.
        var recordLookups = 0
        /// Set: the n-th stored record's answer is replaced (a post that went through but whose answer went wrong).
        var afterStoring: (@Sendable (Int) -> LoopbackReply?)?
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
        case ("GET", "/xrpc/com.atproto.repo.getRecord"): getRecord(request)
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
        if let given = body["rkey"], !((given as? String).map { BlueskyRecordKey.isTID($0) } ?? false) {
            return problem("Invalid rkey: \(given)")
        }
        return state.withLock { state -> LoopbackReply in
            if state.failing { return Fake.json(500, ["error": "InternalServerError", "message": "Internal Server Error"]) }
            let rkey = body["rkey"] as? String ?? Self.generatedKey(state.recordKeys.count + 1)
            if state.recordKeys.contains(rkey) {
                state.refusedExisting += 1
                return Fake.json(500, ["error": "InternalServerError", "message": "Internal Server Error"])
            }
            state.records.append(record)
            state.recordKeys.append(rkey)
            let answer = Fake.json(200, ["uri": "at://\(did)/app.bsky.feed.post/\(rkey)", "cid": "bafyreib\(rkey)"])
            return state.afterStoring?(state.records.count) ?? answer
        }
    }

    /// A TID-shaped key for a record created without one.
    private static func generatedKey(_ serial: Int) -> String {
        let digits = String(serial)
        return "3k" + String(repeating: "2", count: 11 - digits.count) + digits
    }

    private func getRecord(_ request: LoopbackRequest) -> LoopbackReply {
        let query = Dictionary(request.rawQueryItems.map { ($0.name, LoopbackForm.decode($0.value) ?? $0.value) }, uniquingKeysWith: { a, _ in a })
        return state.withLock { state in
            state.recordLookups += 1
            guard query["repo"] == did, query["collection"] == "app.bsky.feed.post", let rkey = query["rkey"],
                  let index = state.recordKeys.firstIndex(of: rkey)
            else { return Fake.json(400, ["error": "RecordNotFound", "message": "Could not locate record"]) }
            return Fake.json(200, ["uri": "at://\(did)/app.bsky.feed.post/\(rkey)", "cid": "bafyreib\(rkey)", "value": state.records[index]])
        }
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
