import Foundation
import HTTPTypes

/// Holds the one session all posts share: created on first use, refreshed when the access token expires,
/// re-created only when the refresh token is refused. Concurrent callers wait for the same request, so a burst of
/// posts never opens more than one session (createSession is limited to 30 per 5 minutes).
actor BlueskySessionStore {
    /// A session could not be had; `delivery` says what that means for the post (which was not sent).
    struct Failure: Error {
        var delivery: Delivery
    }

    private let settings: BlueskySettings
    private let transport: any HTTPTransport
    private let now: @Sendable () -> Date
    private var session: BlueskySession?
    private var renewal: Task<Result<BlueskySession, Failure>, Never>?

    init(settings: BlueskySettings, transport: any HTTPTransport, now: @escaping @Sendable () -> Date) {
        self.settings = settings
        self.transport = transport
        self.now = now
    }

    /// The current session, creating it on first use.
    func current() async -> Result<BlueskySession, Failure> {
        if let session { return .success(session) }
        return await renew { store in await store.create() }
    }

    /// A session to replace `expired`, whose access token the server refused. If another caller already replaced it,
    /// that session is returned; otherwise the refresh token is used, and a new session made if that fails.
    func replace(_ expired: BlueskySession) async -> Result<BlueskySession, Failure> {
        if let session, session != expired { return .success(session) }
        return await renew { store in await store.refreshOrCreate(expired) }
    }

    private func renew(_ work: @escaping @Sendable (isolated BlueskySessionStore) async -> Result<BlueskySession, Failure>) async
        -> Result<BlueskySession, Failure>
    {
        if let renewal { return await renewal.value }
        let task = Task { await work(self) }
        renewal = task
        let result = await task.value
        renewal = nil
        session = try? result.get()
        return result
    }

    private func create() async -> Result<BlueskySession, Failure> {
        let body = JSONValue.object([("identifier", .string(settings.handle)), ("password", .string(settings.appPassword.reveal()))])
        return await call("com.atproto.server.createSession", bearer: nil, body: Data(body.text.utf8))
    }

    private func refreshOrCreate(_ expired: BlueskySession) async -> Result<BlueskySession, Failure> {
        let refreshed = await call("com.atproto.server.refreshSession", bearer: expired.refreshJwt, body: nil)
        if case .failure(let failure) = refreshed, case .permanentFailure = failure.delivery {
            return await create()  // the refresh token expired or was revoked: log in again
        }
        return refreshed
    }

    private func call(_ method: String, bearer: Secret?, body: Data?) async -> Result<BlueskySession, Failure> {
        var fields: HTTPFields = [.accept: "application/json", .userAgent: "Cartable/\(CartableVersion.current)"]
        if body != nil { fields[.contentType] = "application/json" }
        if let bearer { fields[.authorization] = "Bearer \(bearer.reveal())" }
        let request = settings.service.request(.post, path: "/xrpc/\(method)", headerFields: fields)
        let redaction = Redaction([settings.appPassword] + (bearer.map { [$0] } ?? []))
        let response: HTTPTransportResponse
        do {
            response = try await transport.send(request, body: body ?? Data())
        } catch {
            return .failure(Failure(delivery: Self.notPosted(redaction.message("Bluesky \(method): \(error)"))))
        }
        let what = redaction.message("Bluesky \(method): \(PlatformMessage.describe(response))")
        switch response.status.code {
        case 200..<300:
            let object = JSONBody.object(response.body)
            guard let access = object?["accessJwt"] as? String, let refresh = object?["refreshJwt"] as? String,
                let did = object?["did"] as? String
            else {
                return .failure(Failure(delivery: Self.notPosted("Bluesky \(method): the answer has no tokens")))
            }
            return .success(BlueskySession(accessJwt: Secret(access), refreshJwt: Secret(refresh), did: did))
        case 429:
            return .failure(Failure(delivery: .rateLimited(retryAt: BlueskySender.resetDate(response, now: now()), message: what)))
        case 400..<500:
            return .failure(Failure(delivery: .permanentFailure(message: what)))
        default:
            return .failure(Failure(delivery: Self.notPosted(what)))
        }
    }

    // Failing to log in never sends the post itself.
    private static func notPosted(_ message: String) -> Delivery {
        .transientFailure(message: message, mayHaveReachedServer: false)
    }
}
