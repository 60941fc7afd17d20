import Foundation
import HTTPTypes
import Testing
@testable import Cartable

@Suite("token buckets and rate-limit headers")
struct TokenBucketTests {
    let now = Date(timeIntervalSince1970: 1_700_000_000)

    @Test("a bucket bursts to its capacity, refills at its rate, and pauses until a reset")
    func bucket() {
        var bucket = TokenBucket(limit: RateLimit(requests: 10, period: 10), now: now)
        #expect(bucket.available(now: now) == 10)
        bucket.take(10, now: now)
        #expect(bucket.available(now: now) == 0)
        #expect(bucket.nextTokenAt(now: now) == now + 1)
        #expect(bucket.available(now: now + 3.5) == 3)
        #expect(bucket.available(now: now + 100) == 10)
        bucket.pause(until: now + 200)
        #expect(bucket.available(now: now + 150) == 0)
        #expect(bucket.nextTokenAt(now: now + 150) == now + 200)
        // The platform's window starts afresh at the reset: a full bucket.
        #expect(bucket.available(now: now + 201) == 10)
        bucket.take(10, now: now + 201)
        #expect(bucket.available(now: now + 202) == 1)
        bucket.observe(remaining: 0, reset: now + 500, now: now + 300)
        #expect(bucket.available(now: now + 499) == 0)
        #expect(bucket.nextTokenAt(now: now + 499) == now + 500)
        #expect(bucket.available(now: now + 501) == 10)
        bucket.observe(remaining: 2, reset: now + 900, now: now + 900)
        #expect(bucket.available(now: now + 900) == 2)
    }

    @Test("limits parse from the --rate syntax")
    func parsing() {
        #expect(RateLimit(parsing: "50/s") == RateLimit(requests: 50, period: 1))
        #expect(RateLimit(parsing: "300/5m") == RateLimit(requests: 300, period: 300))
        #expect(RateLimit(parsing: "100/24h") == RateLimit(requests: 100, period: 86_400))
        #expect(RateLimit(parsing: "7") == RateLimit(requests: 7, period: 1))
        for bad in ["", "x/s", "0/s", "-3/s", "5/fortnight", "5/0m"] {
            #expect(RateLimit(parsing: bad) == nil, "\(bad)")
        }
        #expect(ChannelDescriptor.x.defaultRateLimit == RateLimit(requests: 200, period: 900))
        #expect(ChannelDescriptor.webhook.defaultRateLimit == nil)
    }

    func response(_ headers: [(String, String)]) -> HTTPTransportResponse {
        var fields = HTTPFields()
        for (name, value) in headers { fields[HTTPField.Name(name)!] = value }
        return HTTPTransportResponse(head: HTTPResponse(status: .ok, headerFields: fields))
    }

    @Test("headers of each platform style give the tightest remaining count and its reset")
    func headerStyles() throws {
        let x = try #require(RateLimitObserver.reading(response([
            ("x-rate-limit-remaining", "40"), ("x-rate-limit-reset", "1700000900"),
            ("x-user-limit-24hour-remaining", "3"), ("x-user-limit-24hour-reset", "1700050000"),
        ]), now: now))
        #expect(x.remaining == 3 && x.reset == Date(timeIntervalSince1970: 1_700_050_000))
        let mastodon = try #require(RateLimitObserver.reading(response([
            ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "2023-11-14T22:28:20.019685Z"),
        ]), now: now))
        #expect(mastodon.remaining == 0)
        #expect(abs((mastodon.reset?.timeIntervalSince1970 ?? 0) - 1_700_000_900.019685) < 0.001)
        // Bluesky counts write points, 3 per post.
        let bluesky = try #require(RateLimitObserver.reading(response([
            ("RateLimit-Limit", "5000"), ("RateLimit-Remaining", "12"), ("RateLimit-Reset", "1700003600"),
        ]), now: now))
        #expect(bluesky.limit == 1666 && bluesky.remaining == 4 && bluesky.reset == now + 3600)
        let xLimit = try #require(RateLimitObserver.reading(response([
            ("x-rate-limit-limit", "10000"), ("x-rate-limit-remaining", "9990"), ("x-rate-limit-reset", "1700000900"),
        ]), now: now))
        #expect(xLimit.limit == 10000 && xLimit.remaining == 9990)
        let delta = try #require(RateLimitObserver.reading(response([("RateLimit-Remaining", "1"), ("RateLimit-Reset", "30")]), now: now))
        #expect(delta.reset == now + 30)
        #expect(RateLimitObserver.reading(response([("Content-Type", "application/json")]), now: now) == nil)
        #expect(RateLimitObserver.reading(response([("x-rate-limit-remaining", "lots")]), now: now) == nil)
    }

    @Test("the platform's stated limit raises a default bucket and lowers it; a limit the user chose is only lowered")
    func headersBothWays() throws {
        let x = RateLimit(requests: 200, period: 900)
        let limiter = AccountLimiter(limits: ["x": x, "chosen": x], chosen: ["chosen"], now: now)
        for account in ["x", "chosen"] {
            limiter.take(account, count: 10, now: now)
            limiter.observe(account, limit: 10_000, remaining: 9990, reset: now + 600, now: now)
        }
        #expect(limiter.available("x", now: now) == 9990)
        let raised = try #require(limiter.bucket(for: "x"))
        #expect(raised.capacity == 10_000 && abs(raised.period - 900) < 0.001)
        #expect(limiter.available("chosen", now: now) == 190)
        #expect(limiter.bucket(for: "chosen")?.capacity == 200)
        // Lower, both.
        limiter.observe("x", limit: 50, remaining: 20, reset: now + 600, now: now)
        limiter.observe("chosen", limit: 50, remaining: 20, reset: now + 600, now: now)
        #expect(limiter.available("x", now: now) == 20 && limiter.available("chosen", now: now) == 20)
        #expect(limiter.bucket(for: "x")?.capacity == 50)
        // A window longer than the default period: the reset says how long the platform's window lasts.
        var daily = TokenBucket(limit: x, now: now)
        daily.observe(limit: 17, remaining: 17, reset: now + 86_400, now: now, mayRaise: true)
        #expect(abs(daily.period - 86_400) < 0.001 && daily.capacity == 17)
        // Nothing remaining: paused until the reset, whoever chose the limit.
        limiter.observe("chosen", limit: 50, remaining: 0, reset: now + 600, now: now)
        #expect(limiter.available("chosen", now: now + 599) == 0 && limiter.available("chosen", now: now + 601) > 0)
    }

    @Test("the limiter pauses only the rate-limited account, with a growing pause when no reset is given")
    func limiter() {
        let limiter = AccountLimiter(limits: ["x": RateLimit(requests: 5, period: 5)], now: now)
        #expect(limiter.available("x", now: now) == 5)
        #expect(limiter.available("webhook", now: now) == Int.max)
        #expect(limiter.rateLimited("x", until: now + 60, now: now) == now + 60)
        #expect(limiter.available("x", now: now + 30) == 0)
        #expect(limiter.available("webhook", now: now + 30) == Int.max)
        let first = limiter.rateLimited("webhook", until: nil, now: now)
        let second = limiter.rateLimited("webhook", until: nil, now: now)
        #expect(first == now + 2 && second == now + 4)
        limiter.succeeded("webhook")
        #expect(limiter.rateLimited("webhook", until: nil, now: now) == now + 2)
    }

    @Test("a header stating more than any platform grants (Int.max) is read as the most a bucket counts, not a crash")
    func hugeHeaders() {
        // fuzz-responses found it: `x-rate-limit-limit: 9223372036854775807` trapped converting the tokens to an Int.
        for mayRaise in [false, true] {
            var bucket = TokenBucket(limit: RateLimit(requests: 300, period: 900), now: now)
            bucket.observe(limit: Int.max, remaining: Int.max, reset: now + 99_999_999_999_999, now: now, mayRaise: mayRaise)
            #expect(bucket.available(now: now) == (mayRaise ? TokenBucket.mostPerWindow : 300))
            #expect(bucket.nextTokenAt(now: now + 10) == now + 10)
        }
    }
}
