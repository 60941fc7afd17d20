import Cartable
import Foundation
import FuzzSupport
import HTTPTypes

let now = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01, fixed so that a crash replays
let endpoint = try! HTTPEndpoint(string: "https://platform.example")
let message = OutgoingMessage(
    idempotencyKey: IdempotencyKey(campaign: "fuzz", supporter: "s", recipient: "r", channelName: "fuzz"),
    text: "Bonjour @depute.bsky.social https://example.org #ESS", recipientHandle: "depute", language: "fr")

/// The platforms' answers: each channel's classification of one response (status, rate-limit headers, error body),
/// the date parsers on every header value, and a Bluesky sender driven through a whole exchange (session, handle
/// resolution, refresh, post) by answers taken from the input. Properties: a rate-limit date is never before the
/// answer arrived by more than a day nor NaN; the rate-limit headers leave an account's bucket sound (tokens within
/// its capacity, a finite next token, a count of available tokens); a failure to open the Bluesky session never claims the post may be out.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    switch input.byte() % 3 {
    case 0:
        let response = input.response()
        for delivery in [
            WebhookSender.delivery(for: response, now: now), MastodonSender.delivery(for: response, now: now),
            XSender.delivery(for: response, now: now), BlueskySender.delivery(for: response, did: "did:plc:fuzz", now: now),
        ] {
            if case .rateLimited(let retryAt, _) = delivery, let retryAt {
                check(retryAt.timeIntervalSince1970.isFinite, "rate limited until \(retryAt)")
            }
        }
        if let reading = RateLimitObserver.reading(response, now: now) {
            for mayRaise in [false, true] {
                var bucket = TokenBucket(limit: RateLimit(requests: 300, period: 900), now: now)
                bucket.observe(limit: reading.limit, remaining: reading.remaining, reset: reading.reset, now: now, mayRaise: mayRaise)
                let next = bucket.nextTokenAt(now: now)
                check(bucket.tokens >= 0 && bucket.tokens <= bucket.capacity && bucket.refillPerSecond > 0 && bucket.refillPerSecond.isFinite,
                      "\(reading) made \(bucket)")
                check(next.timeIntervalSince1970.isFinite && next >= now, "\(reading): next token at \(next)")
                check(bucket.available(now: next + 1) >= 0, "\(reading): \(bucket)")
            }
        }
        for field in response.headerFields {
            for date in [
                RateLimitReset.retryAfter(field.value, now: now), RateLimitReset.epochSeconds(field.value),
                RateLimitReset.iso8601(field.value), InternetDate.iso8601(field.value), InternetDate.httpDate(field.value),
            ] {
                if let date { check(date.timeIntervalSince1970.isFinite, "\(field) gave \(date)") }
            }
        }
    case 1:
        let transport = ScriptedTransport(answers: (0..<Int(input.byte() % 6)).map { _ in input.response() })
        let sender = BlueskySender(
            settings: BlueskySettings(service: endpoint, handle: "moi.bsky.social", appPassword: Secret("app-password")),
            transport: transport, now: { now })
        let delivery = runBlocking { await sender.send(message) }
        let posted = transport.requests.contains { $0.request.path?.contains("createRecord") == true }
        if !posted, case .transientFailure(_, let mayHaveReachedServer) = delivery {
            check(!mayHaveReachedServer, "no post was sent, yet \(delivery)")
        }
    default:
        let response = input.response()
        let transport = ScriptedTransport(answers: [response])
        let senders: [any MessageSender] = [
            WebhookSender(settings: WebhookSettings(endpoint: endpoint, secret: Secret("s")), transport: transport, now: { now }),
            MastodonSender(settings: MastodonSettings(instance: endpoint, accessToken: Secret("t")), transport: ScriptedTransport(answers: [response]), now: { now }),
            XSender(
                settings: XSettings(api: endpoint, credentials: OAuth1Credentials(
                    consumerKey: Secret("a"), consumerSecret: Secret("b"), token: Secret("c"), tokenSecret: Secret("d"))),
                transport: ScriptedTransport(answers: [response]), now: { now }),
        ]
        for sender in senders {
            let delivery = runBlocking { await sender.send(message) }
            if case .delivered(_, let url?) = delivery { check(!url.isEmpty, "empty post URL") }
        }
    }
    return 0
}

/// The program's entry point (SwiftPM's name for this target's `main`): hands over to libFuzzer.
@_cdecl("fuzz_responses_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzz(data ?? UnsafePointer(bitPattern: 1)!, size) }
}
