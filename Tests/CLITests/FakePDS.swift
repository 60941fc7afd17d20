import Foundation
import LoopbackHTTPServer

/// A Bluesky PDS for the built binary: one session, createRecord keeping records by record key and refusing a key
/// already taken as the reference PDS does (a 500 `InternalServerError`, bluesky-social/atproto#3718), and getRecord.
/// Faults are scripted per createRecord call (before anything is stored) and per stored record (the record is kept,
/// the answer replaced: the ambiguous case).
final class FakePDS: @unchecked Sendable {
    /// A misbehaviour for the n-th createRecord call (from 1), or `nil` to go on.
    typealias Fault = @Sendable (_ call: Int) -> LoopbackReply?

    static let did = "did:plc:campaignaccount000000"

    /// What the PDS holds, shared with the server's connection threads.
    private final class Store: @unchecked Sendable {
        // Guards every field.
        let lock = NSLock()
        var calls = 0
        var keys: [String] = []
        var texts: [String: Int] = [:]
        var refused = 0
        var creates = 0
    }

    private let store = Store()
    let server: LoopbackHTTPServer

    /// - Parameters:
    ///   - fault: replaces the answer to the n-th createRecord call; nothing is stored.
    ///   - afterStoring: replaces the answer once the n-th record is stored.
    ///   - latency: how long every answer takes (a slow PDS); the work is done before the wait.
    init(fault: @escaping Fault = { _ in nil }, afterStoring: @escaping Fault = { _ in nil }, latency: Duration? = nil) throws {
        let store = store
        server = try LoopbackHTTPServer { request in
            let reply = Self.answer(request, store: store, fault: fault, afterStoring: afterStoring)
            guard let latency, case .respond(let response) = reply else { return reply }
            return .respondAfter(latency, response)
        }
    }

    var baseURL: String { server.baseURL }
    /// Records stored.
    var published: Int { store.lock.withLock { store.keys.count } }
    /// createRecord calls refused because their record key was taken.
    var refusedExisting: Int { store.lock.withLock { store.refused } }
    /// createRecord calls, refused or not.
    var createCalls: Int { store.lock.withLock { store.calls } }
    /// Texts stored more than once (under two record keys): must stay 0.
    var textsPublishedTwice: Int { store.lock.withLock { store.texts.values.filter { $0 > 1 }.count } }

    func stop() { server.stop() }

    private static func json(_ status: Int, _ object: [String: Any], headers: [(name: String, value: String)] = []) -> LoopbackReply {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return .respond(.json(status, String(decoding: data, as: UTF8.self), headers: headers))
    }

    private static func answer(_ request: LoopbackRequest, store: Store, fault: Fault, afterStoring: Fault) -> LoopbackReply {
        switch (request.method, request.path) {
        case ("POST", "/xrpc/com.atproto.server.createSession"):
            return json(200, ["accessJwt": "access-SECRET-A", "refreshJwt": "refresh-SECRET-R", "handle": "campagne.bsky.social", "did": did])
        case ("POST", "/xrpc/com.atproto.repo.createRecord"):
            let call = store.lock.withLock {
                store.calls += 1
                return store.calls
            }
            if let reply = fault(call) { return reply }
            guard request.header("Authorization") == "Bearer access-SECRET-A",
                  let body = try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any],
                  let record = body["record"] as? [String: Any], let text = record["text"] as? String,
                  body["rkey"] == nil || (body["rkey"] as? String)?.count == 13
            else { return json(400, ["error": "InvalidRequest", "message": "bad createRecord"]) }
            return store.lock.withLock {
                // Without a record key from the client, the PDS makes one (a fresh TID; here a serial number).
                let rkey = body["rkey"] as? String ?? "3k" + String(format: "%011d", store.keys.count + 1)
                if store.keys.contains(rkey) {
                    store.refused += 1
                    return json(500, ["error": "InternalServerError", "message": "Internal Server Error"])
                }
                store.keys.append(rkey)
                store.texts[text, default: 0] += 1
                return afterStoring(store.keys.count) ?? json(200, ["uri": "at://\(did)/app.bsky.feed.post/\(rkey)", "cid": "bafyrei\(rkey)"])
            }
        case ("GET", "/xrpc/com.atproto.repo.getRecord"):
            let rkey = request.rawQueryItems.first { $0.name == "rkey" }?.value ?? ""
            let found = store.lock.withLock { store.keys.contains(rkey) }
            return found ? json(200, ["uri": "at://\(did)/app.bsky.feed.post/\(rkey)", "cid": "bafyrei\(rkey)", "value": [String: Any]()])
                : json(400, ["error": "RecordNotFound", "message": "Could not locate record"])
        default:
            return json(404, ["error": "MethodNotImplemented", "message": "Method Not Implemented"])
        }
    }
}
