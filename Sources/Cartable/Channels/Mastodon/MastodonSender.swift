import Foundation
import HTTPTypes

/// Posts statuses with `POST /api/v1/statuses` (form body: `status`, `visibility`, `language`), the Bearer token,
/// and the message's `Idempotency-Key`, which Mastodon honours for an hour: a retry returns the first status.
public struct MastodonSender: MessageSender {
    public let channel = "mastodon"
    private let settings: MastodonSettings
    private let transport: any HTTPTransport
    private let now: @Sendable () -> Date

    /// A Mastodon sender; `now` is the clock used to turn reset headers into dates.
    public init(settings: MastodonSettings, transport: any HTTPTransport, now: @escaping @Sendable () -> Date = { Date() }) {
        self.settings = settings
        self.transport = transport
        self.now = now
    }

    public func send(_ message: OutgoingMessage) async -> Delivery {
        var form: [(name: String, value: String)] = [("status", message.text), ("visibility", settings.visibility)]
        if let language = message.language { form.append(("language", language)) }
        let fields: HTTPFields = [
            .authorization: "Bearer \(settings.accessToken.reveal())",
            .contentType: "application/x-www-form-urlencoded",
            .accept: "application/json",
            .userAgent: "Cartable/\(CartableVersion.current)",
            .idempotencyKey: message.idempotencyKey,
        ]
        let request = settings.instance.request(.post, path: "/api/v1/statuses", headerFields: fields)
        let delivery: Delivery
        do {
            let response = try await transport.send(request, body: Data(PercentEncoding.formBody(form).utf8))
            delivery = Self.delivery(for: response, now: now())
        } catch {
            delivery = Delivery(transportError: error)
        }
        return delivery.redacting([settings.accessToken])
    }

    /// Reads the instance's length rules (`GET /api/v2/instance`), to measure texts as this instance will.
    public func instanceLimits() async throws(ChannelRequestError) -> MastodonInstanceLimits {
        let request = settings.instance.request(
            .get, path: "/api/v2/instance", headerFields: [.accept: "application/json", .userAgent: "Cartable/\(CartableVersion.current)"])
        let response: HTTPTransportResponse
        do {
            response = try await transport.send(request, body: nil)
        } catch {
            throw ChannelRequestError(message: "reading the instance's limits: \(error)")
        }
        guard response.status.kind == .successful else {
            throw ChannelRequestError(message: "reading the instance's limits: \(PlatformMessage.describe(response))")
        }
        let statuses = (JSONBody.object(response.body)?["configuration"] as? [String: Any])?["statuses"] as? [String: Any]
        guard let maxCharacters = (statuses?["max_characters"] as? NSNumber)?.intValue, maxCharacters > 0 else {
            throw ChannelRequestError(message: "reading the instance's limits: no configuration.statuses.max_characters in the answer")
        }
        let perURL = (statuses?["characters_reserved_per_url"] as? NSNumber)?.intValue ?? 23
        return MastodonInstanceLimits(maxCharacters: maxCharacters, charactersReservedPerURL: perURL)
    }

    /// Classifies a `POST /api/v1/statuses` response.
    public static func delivery(for response: HTTPTransportResponse, now: Date) -> Delivery {
        switch response.status.code {
        case 200..<300:
            let status = JSONBody.object(response.body)
            return .delivered(postID: JSONBody.text(status?["id"]), postURL: (status?["url"] as? String) ?? (status?["uri"] as? String))
        case 429:
            // Mastodon documents X-RateLimit-Reset as an ISO 8601 time; honour Retry-After too if a proxy adds it.
            let retryAt = RateLimitReset.retryAfter(response.headerValue("Retry-After"), now: now)
                ?? RateLimitReset.iso8601(response.headerValue("X-RateLimit-Reset"))
            return .rateLimited(retryAt: retryAt, message: PlatformMessage.describe(response))
        case 408, 425, 500..<600:
            return .transientFailure(message: PlatformMessage.describe(response), mayHaveReachedServer: true)
        case 401, 403:
            return .permanentFailure(message: "Mastodon refused the access token: \(PlatformMessage.describe(response))")
        default:
            return .permanentFailure(message: PlatformMessage.describe(response))
        }
    }
}

/// A channel's auxiliary request (reading limits, resolving a handle) failed; the message says why, without secrets.
public struct ChannelRequestError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What failed and why.
    public var message: String

    /// An error with its message.
    public init(message: String) {
        self.message = message
    }

    public var description: String { message }
}
