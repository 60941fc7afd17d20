import Foundation
import HTTPTypes

/// Posts each message as JSON to a URL of the organiser's choosing (`CARTABLE_WEBHOOK_URL`), with an
/// `Idempotency-Key` header and, when a secret is set, a signature (see ``WebhookSignature``).
///
/// Body fields, in this order: `idempotencyKey`, `campaignID`, `recipientID`, `recipientHandle`, `channel`, `text`,
/// `variant`, `language` (absent ones omitted). A 2xx is delivered (the post id and URL are read from `id`/`url` in a
/// JSON answer if present); 409 means the receiver already has this key (duplicate); 429 is rate-limited
/// (`Retry-After`); 408 and 5xx are transient; any other status is permanent.
public struct WebhookSender: MessageSender {
    public var channel: ChannelDescriptor { .webhook }
    private let settings: WebhookSettings
    private let transport: any HTTPTransport
    private let now: @Sendable () -> Date
    /// The secret and the endpoint's secret parts, hidden from every answer: compiled once (a regular expression),
    /// not for each message.
    private let redaction: Redaction

    /// A webhook sender; `now` is the clock used for timestamps (injectable for tests).
    public init(settings: WebhookSettings, transport: any HTTPTransport, now: @escaping @Sendable () -> Date = { Date() }) {
        self.settings = settings
        self.transport = transport
        self.now = now
        redaction = Redaction(settings.secret.map { [$0] } ?? [], hiding: settings.endpoint)
    }

    public func send(_ message: OutgoingMessage) async -> Delivery {
        let body = Data(Self.payload(message).utf8)
        var fields: HTTPFields = [
            .contentType: "application/json",
            .accept: "application/json",
            .userAgent: "Cartable/\(CartableVersion.current)",
            HTTPField.Name.idempotencyKey: message.idempotencyKey.rawValue,
        ]
        if let secret = settings.secret {
            let timestamp = Int(now().timeIntervalSince1970)
            fields[WebhookSignature.timestampField] = String(timestamp)
            fields[WebhookSignature.signatureField] = WebhookSignature.signature(body: body, timestamp: timestamp, secret: secret)
        }
        let request = settings.endpoint.request(.post, headerFields: fields)
        let delivery: Delivery
        do {
            delivery = Self.delivery(for: try await transport.send(request, body: body), now: now())
        } catch {
            delivery = Delivery(transportError: error)
        }
        return delivery.redacting(redaction)
    }

    /// The JSON body for a message.
    static func payload(_ message: OutgoingMessage) -> String {
        JSONValue.object(dropping: [
            ("idempotencyKey", .string(message.idempotencyKey.rawValue)),
            ("campaignID", .string(message.campaignID)),
            ("recipientID", .string(message.recipientID)),
            ("recipientHandle", message.recipientHandle.map(JSONValue.string)),
            ("channel", .string(message.channel)),
            ("text", .string(message.text)),
            ("variant", message.variant.map(JSONValue.string)),
            ("language", message.language.map(JSONValue.string)),
        ]).text
    }

    /// Classifies a receiver's response.
    public static func delivery(for response: HTTPTransportResponse, now: Date) -> Delivery {
        let code = response.status.code
        switch code {
        case 200..<300:
            let object = JSONBody.object(response.body)
            return .delivered(postID: JSONBody.text(object?["id"]), postURL: object?["url"] as? String)
        case 409:
            return .duplicate(message: PlatformMessage.describe(response))
        case 429:
            return .rateLimited(
                retryAt: RateLimitReset.retryAfter(response.headerValue("Retry-After"), now: now),
                message: PlatformMessage.describe(response))
        case 408, 425, 500..<600:
            return .transientFailure(message: PlatformMessage.describe(response), mayHaveReachedServer: true)
        default:
            return .permanentFailure(message: PlatformMessage.describe(response))
        }
    }
}

extension HTTPField.Name {
    /// `Idempotency-Key`, which Mastodon and many webhook receivers use to drop repeated submissions.
    public static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
}

extension ChannelDescriptor {
    /// The organiser's webhook: takes any campaign's messages (the receiver needs no handle), honours
    /// `Idempotency-Key` (409 for a key it has), and has no default limit (it is the organiser's own server).
    public static let webhook = ChannelDescriptor(
        name: "webhook", campaignChannel: nil, repeats: .recognisedByKey, reachesRecipient: true, defaultRateLimit: nil)
}
