import Foundation
import Testing
@testable import Cartable

@Suite("sending hours and window")
struct SendingScheduleTests {
    func date(_ text: String) -> Date {
        ISO8601DateFormatter().date(from: text) ?? .distantPast
    }

    func limits(from: String = "09:00", to: String = "19:00", start: String? = nil, end: String? = nil) -> SendingLimits {
        SendingLimits(perRecipientPerHour: 1, perRecipientPerDay: 1, from: from, to: to, timeZone: "Europe/Paris", windowStart: start, windowEnd: end)
    }

    @Test("hours are read in the campaign's time zone; closed means the next opening")
    func hours() {
        let schedule = SendingSchedule(limits())
        // 10:00 in Paris (summer time, UTC+2) is 08:00 UTC.
        #expect(schedule.status(at: date("2012-07-03T08:00:00Z")) == .open)
        #expect(schedule.status(at: date("2012-07-03T06:59:00Z")) == .closedUntil(date("2012-07-03T07:00:00Z")))
        #expect(schedule.status(at: date("2012-07-03T17:00:00Z")) == .closedUntil(date("2012-07-04T07:00:00Z")))
        // Winter time, UTC+1.
        #expect(schedule.status(at: date("2012-12-03T08:30:00Z")) == .open)
    }

    @Test("overnight hours wrap around midnight")
    func overnight() {
        let schedule = SendingSchedule(limits(from: "22:00", to: "06:00"))
        #expect(schedule.status(at: date("2012-07-03T21:00:00Z")) == .open)
        #expect(schedule.status(at: date("2012-07-04T03:00:00Z")) == .open)
        #expect(schedule.status(at: date("2012-07-04T10:00:00Z")) == .closedUntil(date("2012-07-04T20:00:00Z")))
    }

    @Test("the window: before its start it waits, its end date is included, after it the campaign is over")
    func window() {
        let schedule = SendingSchedule(limits(start: "2012-07-02", end: "2012-07-13"))
        #expect(schedule.status(at: date("2012-06-30T10:00:00Z")) == .closedUntil(date("2012-07-02T07:00:00Z")))
        #expect(schedule.status(at: date("2012-07-13T10:00:00Z")) == .open)
        guard case .ended(let reason) = schedule.status(at: date("2012-07-14T10:00:00Z")) else {
            Issue.record("expected the window to be over")
            return
        }
        #expect(reason.contains("2012-07-13"))
        let moment = SendingSchedule(limits(from: "00:00", to: "24:00", end: "2012-07-13T12:30"))
        #expect(moment.status(at: date("2012-07-13T10:29:00Z")) == .open)
        #expect(moment.status(at: date("2012-07-13T10:30:00Z")) != .open)
    }
}
