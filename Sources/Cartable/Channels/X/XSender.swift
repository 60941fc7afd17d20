import Foundation
import HTTPTypes

/// Posts with `POST /2/tweets` (JSON `{"text": …}`), signed with OAuth 1.0a HMAC-SHA1.
///
/// X has no idempotency key: a retry after an ambiguous failure can post twice, and X then answers 403
/// "duplicate content", which is reported as ``Delivery/duplicate(message:)``.
public struct XSender: MessageSender {
    public var channel: ChannelDescriptor { .x }
    private let settings: XSettings
    private let transport: any HTTPTransport
    private let now: @Sendable () -> Date
    /// The credentials hidden from every answer, compiled once (a regular expression), not for each message.
    private let redaction: Redaction

    /// An X sender; `now` is the clock used for OAuth timestamps.
    public init(settings: XSettings, transport: any HTTPTransport, now: @escaping @Sendable () -> Date = { Date() }) {
        self.settings = settings
        self.transport = transport
        self.now = now
        redaction = Redaction(settings.credentials.all)
    }

    public func send(_ message: OutgoingMessage) async -> Delivery {
        let path = "/2/tweets"
        let authorization = OAuth1Signer(credentials: settings.credentials).authorizationHeader(
            method: "POST", url: settings.api.urlString(path: path),
            nonce: OAuth1Signer.makeNonce(), timestamp: Int(now().timeIntervalSince1970))
        let fields: HTTPFields = [
            .authorization: authorization,
            .contentType: "application/json",
            .accept: "application/json",
            .userAgent: "Cartable/\(CartableVersion.current)",
        ]
        let body = Data(JSONValue.object([("text", .string(message.text))]).text.utf8)
        let delivery: Delivery
        do {
            let response = try await transport.send(settings.api.request(.post, path: path, headerFields: fields), body: body)
            delivery = Self.delivery(for: response, now: now())
        } catch {
            delivery = Delivery(transportError: error)
        }
        return delivery.redacting(redaction)
    }

    /// Classifies a `POST /2/tweets` response.
    public static func delivery(for response: HTTPTransportResponse, now: Date) -> Delivery {
        switch response.status.code {
        case 200..<300:
            let data = JSONBody.object(response.body)?["data"] as? [String: Any]
            let id = JSONBody.text(data?["id"])
            return .delivered(postID: id, postURL: id.map { "https://x.com/i/web/status/\($0)" })
        case 403 where isDuplicate(response.body):
            return .duplicate(message: PlatformMessage.describe(response))
        case 429:
            return .rateLimited(retryAt: resetDate(response, now: now), message: PlatformMessage.describe(response))
        case 401:
            return .permanentFailure(message: "X refused the credentials: \(PlatformMessage.describe(response))")
        case 408, 500..<600:
            return .transientFailure(message: PlatformMessage.describe(response), mayHaveReachedServer: true)
        default:
            return .permanentFailure(message: PlatformMessage.describe(response))
        }
    }

    /// v2's "You are not allowed to create a Tweet with duplicate content." or v1.1's error code 187.
    static func isDuplicate(_ body: Data) -> Bool {
        if let errors = JSONBody.object(body)?["errors"] as? [[String: Any]],
            errors.contains(where: { ($0["code"] as? NSNumber)?.intValue == 187 })
        {
            return true
        }
        return String(decoding: body, as: UTF8.self).lowercased().contains("duplicate content")
    }

    /// The latest reset among the limits that are exhausted: the 24-hour user and app caps, then the 15-minute window.
    /// X sends no `Retry-After`; it is used only as a last resort.
    static func resetDate(_ response: HTTPTransportResponse, now: Date) -> Date? {
        var exhausted: [Date] = []
        for prefix in ["x-user-limit-24hour", "x-app-limit-24hour", "x-rate-limit"]
        where response.headerValue("\(prefix)-remaining").flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) == 0 {
            if let reset = RateLimitReset.epochSeconds(response.headerValue("\(prefix)-reset")) { exhausted.append(reset) }
        }
        return exhausted.max()
            ?? RateLimitReset.epochSeconds(response.headerValue("x-rate-limit-reset"))
            ?? RateLimitReset.retryAfter(response.headerValue("Retry-After"), now: now)
    }
}

extension ChannelDescriptor {
    /// X: posts a twitter campaign's messages. X takes no idempotency key but refuses the same text again (403
    /// "duplicate content"), which the sender reports as a duplicate; 200 posts per 15 minutes per user (the v2
    /// manage-posts limit; lower tiers get a smaller figure from the headers).
    public static let x = ChannelDescriptor(
        name: "x", campaignChannel: .twitter, repeats: .reportedAsDuplicate, reachesRecipient: true,
        defaultRateLimit: RateLimit(requests: 200, period: 900))
}
