import Foundation
import Testing
@testable import Cartable

@Suite("rate-limit reset headers")
struct RateLimitResetTests {
    /// An independent oracle: Foundation's Gregorian calendar in UTC.
    func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second))!
    }

    @Test("Mastodon's ISO 8601 reset with microseconds")
    func mastodonISO8601() throws {
        let date = try #require(RateLimitReset.iso8601("2020-09-08T13:25:00.019685Z"))
        #expect(abs(date.timeIntervalSince(utc(2020, 9, 8, 13, 25, 0)) - 0.019685) < 1e-6)
    }

    @Test("ISO 8601 with an offset, without fraction, leap day")
    func isoVariants() {
        #expect(InternetDate.iso8601("2024-02-29T23:59:59+02:00") == utc(2024, 2, 29, 21, 59, 59))
        #expect(InternetDate.iso8601("1999-12-31T00:00:00-00:30") == utc(1999, 12, 31, 0, 30, 0))
    }

    @Test("malformed timestamps give nil, never a crash", arguments: [
        "", "2020", "2020-13-01T00:00:00Z", "2020-01-01T25:00:00Z", "2020-01-01T00:00:00", "2020-01-01T00:00:00.Z",
        "2020-01-01T00:00:00Zjunk", "２０２０-01-01T00:00:00Z",
    ])
    func malformed(text: String) {
        #expect(InternetDate.iso8601(text) == nil)
    }

    @Test("X's and Bluesky's epoch seconds")
    func epochSeconds() {
        #expect(RateLimitReset.epochSeconds("1445412480") == utc(2015, 10, 21, 7, 28, 0))
        #expect(RateLimitReset.epochSeconds(" 1445412480 ") == utc(2015, 10, 21, 7, 28, 0))
        #expect(RateLimitReset.epochSeconds("soon") == nil)
        #expect(RateLimitReset.epochSeconds("-5") == nil)
        #expect(RateLimitReset.epochSeconds(nil) == nil)
    }

    @Test("Retry-After as delta-seconds or HTTP-date")
    func retryAfter() {
        let now = utc(2026, 1, 1, 12, 0, 0)
        #expect(RateLimitReset.retryAfter("120", now: now) == now.addingTimeInterval(120))
        #expect(RateLimitReset.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT", now: now) == utc(2015, 10, 21, 7, 28, 0))
        #expect(RateLimitReset.retryAfter("Wed, 21 Foo 2015 07:28:00 GMT", now: now) == nil)
        #expect(RateLimitReset.retryAfter("-1", now: now) == nil)
    }
}
