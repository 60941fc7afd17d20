import Foundation
import Testing
@testable import Cartable

@Suite("Suggestion ranking")
struct SuggestionRankingTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let limits = SendingLimits(perRecipientPerHour: 1, perRecipientPerDay: 2, from: "09:00", to: "20:00",
                                      timeZone: "Europe/Paris", windowStart: nil, windowEnd: nil)

    static func deputies(_ count: Int) -> [Recipient] {
        (0..<count).map { Recipient(id: "D\($0)", name: "Député \($0)", twitter: "dep\($0)", group: "SOC", department: "91") }
    }

    static func ranking(_ supporter: String = "marie") throws -> SuggestionRanking {
        SuggestionRanking(limits: limits, channel: .twitter, supporter: try SupporterFixtures.supporter(supporter))
    }

    @Test func theLeastWrittenToComeFirst() throws {
        let deputies = Self.deputies(6)
        let loads: [String: RecipientLoad] = ["D0": .init(messages: 5), "D1": .init(messages: 1), "D3": .init(messages: 2), "D5": .init(messages: 1)]
        let result = try Self.ranking().rank(deputies, loads: loads, writtenBySupporter: [], now: Self.now)
        let counts = result.suggestions.map(\.messagesSoFar)
        #expect(counts == [0, 0, 1, 1, 2, 5])
        #expect(Set(result.suggestions.prefix(2).map(\.recipient.id)) == ["D2", "D4"], "the two who have none")
        #expect(result.suggestions.last?.recipient.id == "D0")
    }

    @Test func tiesAreStableForOneSupporterAndDifferAmongSupporters() throws {
        let deputies = Self.deputies(40)
        let first = try Self.ranking("marie").rank(deputies, loads: [:], writtenBySupporter: [], now: Self.now).suggestions.map(\.recipient.id)
        let again = try Self.ranking("marie").rank(deputies, loads: [:], writtenBySupporter: [], now: Self.now).suggestions.map(\.recipient.id)
        #expect(first == again)
        #expect(Set(first) == Set(deputies.map(\.id)))
        // Ten supporters at once: their first suggestions are not all the same deputy.
        let heads = try (0..<10).map { try Self.ranking("supporter\($0)").rank(deputies, loads: [:], writtenBySupporter: [], now: Self.now).suggestions[0].recipient.id }
        #expect(Set(heads).count > 3, "\(heads)")
    }

    @Test func deputiesAtTheirCapAlreadyWrittenOrUnreachableAreLeftOut() throws {
        var deputies = Self.deputies(5)
        deputies[4].twitter = nil
        let loads: [String: RecipientLoad] = [
            "D0": .init(messages: 1, lastHour: 1, lastDay: 1, hourSlotFreesAt: Self.now + 600, daySlotFreesAt: Self.now + 80_000),
            "D1": .init(messages: 2, lastHour: 0, lastDay: 2, daySlotFreesAt: Self.now + 3600),
        ]
        let result = try Self.ranking().rank(deputies, loads: loads, writtenBySupporter: ["D2"], now: Self.now)
        #expect(result.suggestions.map(\.recipient.id) == ["D3"])
        #expect(result.atCap == 2)
        #expect(result.alreadyWritten == 1)
        #expect(result.unreachable == 1)
    }

    @Test func aCapFreesWhenItsOldestSendIsOldEnough() {
        let limits = Self.limits
        #expect(RecipientLoad.none.capFreesAt(limits, now: Self.now) == nil)
        let hourly = RecipientLoad(messages: 1, lastHour: 1, lastDay: 1, hourSlotFreesAt: Self.now + 1200, daySlotFreesAt: Self.now + 85_000)
        #expect(hourly.capFreesAt(limits, now: Self.now) == Self.now + 1200, "per_day is 2: only the hour holds it")
        let daily = RecipientLoad(messages: 2, lastHour: 1, lastDay: 2, hourSlotFreesAt: Self.now + 1200, daySlotFreesAt: Self.now + 40_000)
        #expect(daily.capFreesAt(limits, now: Self.now) == Self.now + 40_000, "the later of the two")
        let inFlight = RecipientLoad(messages: 1, lastHour: 1, lastDay: 1)
        #expect(inFlight.capFreesAt(limits, now: Self.now) == Self.now + 60, "a send without a time yet: look again in a minute")
    }
}
