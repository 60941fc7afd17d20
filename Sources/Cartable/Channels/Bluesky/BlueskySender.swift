import Foundation
import HTTPTypes

/// Posts with `com.atproto.repo.createRecord` (`app.bsky.feed.post`), with link and mention facets at UTF-8 byte
/// offsets and the message's language in `langs`.
///
/// Each post is created under a record key derived from the message's idempotency key (``BlueskyRecordKey``), so a
/// resend after an answer that never came names a record that already exists, and the PDS refuses it instead of
/// posting twice. The reference PDS answers that refusal with a 500 (newer ones with a 400 or 409 naming the
/// existing record); on any such answer the sender asks `com.atproto.repo.getRecord` for its record key, and a record
/// found there is the earlier post: ``Delivery/delivered(postID:postURL:)`` with its URI.
///
/// One session serves every post: created on first use, refreshed when the access token expires (``Delivery`` never
/// reflects an expired token unless refreshing and logging in again both fail). Mentioned handles are resolved to
/// DIDs once and cached.
public final class BlueskySender: MessageSender {
    public var channel: ChannelDescriptor { .bluesky }
    private let settings: BlueskySettings
    private let transport: any HTTPTransport
    private let now: @Sendable () -> Date
    private let sessions: BlueskySessionStore
    private let handles: BlueskyHandleResolver

    /// A Bluesky sender; `now` is the clock for `createdAt` and rate-limit dates.
    public init(settings: BlueskySettings, transport: any HTTPTransport, now: @escaping @Sendable () -> Date = { Date() }) {
        self.settings = settings
        self.transport = transport
        self.now = now
        sessions = BlueskySessionStore(settings: settings, transport: transport, now: now)
        handles = BlueskyHandleResolver(service: settings.service, transport: transport)
    }

    public func send(_ message: OutgoingMessage) async -> Delivery {
        let mentioned = BlueskyFacets.mentions(in: message.text).map(\.handle)
        let facets = BlueskyFacets.facets(for: message.text, resolvedDIDs: await handles.resolve(mentioned))
        var session: BlueskySession
        switch await sessions.current() {
        case .success(let current): session = current
        case .failure(let failure): return failure.delivery
        }
        for attempt in 1...2 {
            let response: HTTPTransportResponse
            do {
                response = try await post(message, facets: facets, session: session)
            } catch {
                return Delivery(transportError: error).redacting(Redaction(secrets(session)))
            }
            if attempt == 1, Self.isExpiredSession(response) {
                // The token was refused, so nothing was posted: renew and try once more.
                switch await sessions.replace(session) {
                case .success(let renewed): session = renewed
                case .failure(let failure): return failure.delivery
                }
                continue
            }
            if Self.mayMeanRecordExists(response), let earlier = await existingPost(for: message, session: session) {
                return earlier
            }
            return Self.delivery(for: response, did: session.did, now: now()).redacting(Redaction(secrets(session)))
        }
        return .permanentFailure(message: "Bluesky refused a freshly renewed session")
    }

    private func post(_ message: OutgoingMessage, facets: [BlueskyFacet], session: BlueskySession) async throws(HTTPTransportError)
        -> HTTPTransportResponse
    {
        let record = JSONValue.object(dropping: [
            ("$type", .string("app.bsky.feed.post")),
            ("text", .string(message.text)),
            ("createdAt", .string(Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(now()))),
            ("langs", message.language.map { .array([.string($0)]) }),
            ("facets", facets.isEmpty ? nil : .array(facets.map(\.json))),
        ])
        let body = JSONValue.object([
            ("repo", .string(session.did)), ("collection", .string("app.bsky.feed.post")),
            ("rkey", .string(BlueskyRecordKey(message.idempotencyKey).rawValue)), ("record", record),
        ])
        let fields: HTTPFields = [
            .authorization: "Bearer \(session.accessJwt.reveal())",
            .contentType: "application/json",
            .accept: "application/json",
            .userAgent: "Cartable/\(CartableVersion.current)",
        ]
        let request = settings.service.request(.post, path: "/xrpc/com.atproto.repo.createRecord", headerFields: fields)
        return try await transport.send(request, body: Data(body.text.utf8))
    }

    /// The post already stored under the message's record key, if the PDS has one: the earlier attempt went through.
    private func existingPost(for message: OutgoingMessage, session: BlueskySession) async -> Delivery? {
        let rkey = BlueskyRecordKey(message.idempotencyKey).rawValue
        let request = settings.service.request(
            .get, path: "/xrpc/com.atproto.repo.getRecord",
            query: [("repo", session.did), ("collection", "app.bsky.feed.post"), ("rkey", rkey)],
            headerFields: [.accept: "application/json", .userAgent: "Cartable/\(CartableVersion.current)"])
        guard let response = try? await transport.send(request, body: nil), (200..<300).contains(response.status.code),
              let uri = JSONBody.object(response.body)?["uri"] as? String, uri.hasSuffix("/app.bsky.feed.post/\(rkey)")
        else { return nil }
        return .delivered(postID: uri, postURL: Self.postURL(did: session.did, recordKey: rkey))
    }

    private func secrets(_ session: BlueskySession) -> [Secret] {
        [settings.appPassword, session.accessJwt, session.refreshJwt]
    }

    /// 400 `ExpiredToken` or 401: the access token needs renewing.
    static func isExpiredSession(_ response: HTTPTransportResponse) -> Bool {
        let error = JSONBody.object(response.body)?["error"] as? String
        return response.status.code == 401 || (response.status.code == 400 && (error == "ExpiredToken" || error == "InvalidToken"))
    }

    /// Whether a refused `createRecord` may be the PDS saying the record key is taken: a 500 from the reference PDS,
    /// a 409, or a 400 naming an existing record.
    static func mayMeanRecordExists(_ response: HTTPTransportResponse) -> Bool {
        switch response.status.code {
        case 409, 500: return true
        case 400:
            let body = JSONBody.object(response.body)
            let words = "\(body?["error"] as? String ?? "") \(body?["message"] as? String ?? "")".lowercased()
            return words.contains("alreadyexists") || words.contains("already exists")
        default: return false
        }
    }

    /// The web address of a post.
    static func postURL(did: String, recordKey: String) -> String { "https://bsky.app/profile/\(did)/post/\(recordKey)" }

    /// Classifies a `createRecord` response; `did` builds the post's web URL.
    public static func delivery(for response: HTTPTransportResponse, did: String, now: Date) -> Delivery {
        switch response.status.code {
        case 200..<300:
            let uri = JSONBody.object(response.body)?["uri"] as? String
            let recordKey = uri?.split(separator: "/").last.map(String.init)
            return .delivered(postID: uri, postURL: recordKey.map { postURL(did: did, recordKey: $0) })
        case 429:
            return .rateLimited(retryAt: resetDate(response, now: now), message: PlatformMessage.describe(response))
        case 401:
            return .permanentFailure(message: "Bluesky refused the session: \(PlatformMessage.describe(response))")
        case 408, 500..<600:
            return .transientFailure(message: PlatformMessage.describe(response), mayHaveReachedServer: true)
        default:
            return .permanentFailure(message: PlatformMessage.describe(response))
        }
    }

    /// `RateLimit-Reset` (epoch seconds), else `Retry-After`.
    static func resetDate(_ response: HTTPTransportResponse, now: Date) -> Date? {
        RateLimitReset.epochSeconds(response.headerValue("RateLimit-Reset"))
            ?? RateLimitReset.retryAfter(response.headerValue("Retry-After"), now: now)
    }
}

extension BlueskySender {
    /// What creating a record costs in the PDS's write points (the unit of its `RateLimit-*` headers).
    public static let writePointsPerPost = 3
}

extension ChannelDescriptor {
    /// Bluesky: posts a Bluesky campaign's messages. A repeat is recognised by key: the record key comes from the
    /// idempotency key, and a resend finds the earlier record; 1,666 posts per hour (5,000 write points per hour, 3
    /// per created record).
    public static let bluesky = ChannelDescriptor(
        name: "bluesky", campaignChannel: .bluesky, repeats: .recognisedByKey, reachesRecipient: true,
        defaultRateLimit: RateLimit(requests: 1666, period: 3600))
}
