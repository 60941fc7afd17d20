import Foundation
import HTTPTypes

/// Posts statuses with `POST /api/v1/statuses` (form body: `status`, `visibility`, `language`), the Bearer token,
/// and the message's `Idempotency-Key`, which Mastodon honours for an hour: a retry returns the first status.
public struct MastodonSender: MessageSender {
    public var channel: ChannelDescriptor { .mastodon }
    private let settings: MastodonSettings
    private let transport: any HTTPTransport
    private let now: @Sendable () -> Date
    /// The credentials hidden from every answer, compiled once (a regular expression), not for each message.
    private let redaction: Redaction

    /// A Mastodon sender; `now` is the clock used to turn reset headers into dates.
    public init(settings: MastodonSettings, transport: any HTTPTransport, now: @escaping @Sendable () -> Date = { Date() }) {
        self.settings = settings
        self.transport = transport
        self.now = now
        redaction = Redaction([settings.accessToken])
    }

    public func send(_ message: OutgoingMessage) async -> Delivery {
        var form: [(name: String, value: String)] = [("status", message.text), ("visibility", settings.visibility)]
        if let language = message.language { form.append(("language", language)) }
        let fields: HTTPFields = [
            .authorization: "Bearer \(settings.accessToken.reveal())",
            .contentType: "application/x-www-form-urlencoded",
            .accept: "application/json",
            .userAgent: "Cartable/\(CartableVersion.current)",
            .idempotencyKey: message.idempotencyKey.rawValue,
        ]
        let request = settings.instance.request(.post, path: "/api/v1/statuses", headerFields: fields)
        let delivery: Delivery
        do {
            let response = try await transport.send(request, body: Data(PercentEncoding.formBody(form).utf8))
            delivery = Self.delivery(for: response, now: now())
        } catch {
            delivery = Delivery(transportError: error)
        }
        return delivery.redacting(redaction)
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

extension ChannelDescriptor {
    /// Mastodon: posts a Mastodon campaign's messages; the server honours `Idempotency-Key`; 300 statuses per 3 hours
    /// per account (the server's `statuses` limiter).
    public static let mastodon = ChannelDescriptor(
        name: "mastodon", campaignChannel: .mastodon, repeats: .recognisedByKey, reachesRecipient: true,
        defaultRateLimit: RateLimit(requests: 300, period: 3 * 3600))
}
