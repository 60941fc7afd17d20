import Cartable
@testable import CartableCurl
import Foundation
import LoopbackHTTPServer

/// A Mastodon instance: checks the Bearer token, the form body (`status`, `visibility`, `language`), and honours
/// `Idempotency-Key` as Mastodon does (a repeat returns the first status).
final class FakeMastodon: @unchecked Sendable {
    enum Mode { case accept, rateLimited, echoToken }

    let token: String
    private let state = Locked<(mode: Mode, statuses: [String: String], created: [[String: String]], problems: [String])>((.accept, [:], [], []))
    var baseURL = ""

    init(token: String) {
        self.token = token
    }

    var mode: Mode {
        get { state.withLock { $0.mode } }
        set { state.withLock { $0.mode = newValue } }
    }

    var created: [[String: String]] { state.withLock { $0.created } }
    var problems: [String] { state.withLock { $0.problems } }

    func handle(_ request: LoopbackRequest) -> LoopbackReply {
        switch (request.method, request.path) {
        case ("POST", "/api/v1/statuses"):
            return postStatus(request)
        default:
            return Fake.json(404, ["error": "Record not found"])
        }
    }

    private func postStatus(_ request: LoopbackRequest) -> LoopbackReply {
        if mode == .echoToken {
            // A badly behaved server that repeats the credentials it was sent in its error.
            return Fake.json(401, ["error": "The access token is invalid: \(request.header("Authorization") ?? "")"])
        }
        guard Fake.bearer(request) == token else { return Fake.json(401, ["error": "The access token is invalid"]) }
        if mode == .rateLimited {
            return Fake.json(429, ["error": "Too many requests"], headers: [
                ("X-RateLimit-Limit", "300"), ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "2030-01-01T00:05:00.123456Z"),
            ])
        }
        guard request.header("Content-Type") == "application/x-www-form-urlencoded" else {
            state.withLock { $0.problems.append("content type \(request.header("Content-Type") ?? "none")") }
            return Fake.json(415, ["error": "form body expected"])
        }
        let form = LoopbackForm.fields(request.bodyText)
        guard let status = form["status"], !status.isEmpty else { return Fake.json(422, ["error": "Validation failed: Text can't be blank"]) }
        guard let visibility = form["visibility"], ["public", "unlisted", "private", "direct"].contains(visibility) else {
            return Fake.json(422, ["error": "Validation failed: Visibility is not included in the list"])
        }
        let key = request.header("Idempotency-Key") ?? UUID().uuidString
        let id: String = state.withLock { state in
            if let existing = state.statuses[key] { return existing }
            let id = String(110_000_000_000_000_000 + state.created.count)
            state.statuses[key] = id
            state.created.append(form)
            return id
        }
        return Fake.json(200, ["id": id, "url": "\(baseURL)/@campaign/\(id)", "content": "<p>\(status)</p>"])
    }
}
