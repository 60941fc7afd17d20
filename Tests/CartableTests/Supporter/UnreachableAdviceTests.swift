import Testing
@testable import Cartable

@Suite("Unreachable advice")
struct UnreachableAdviceTests {
    @Test func namesTheOtherPlatformsAndReachableDeputiesNearby() throws {
        let audience = try SupporterFixtures.audience()
        let anne = try #require(audience.targets.first { $0.id == "W4" })
        let advice = UnreachableAdvice(for: anne, on: .twitter, targets: audience.targets)
        #expect(advice.elsewhere.map(\.channel) == [.mastodon])
        #expect(advice.elsewhere.map(\.mention) == ["@anne@piaille.fr"])
        // Seine-Saint-Denis first (W2, W3, W7), then her group elsewhere (none: ECOS has no one else).
        #expect(advice.alternatives.map(\.id) == ["W2", "W3", "W7"])
    }

    @Test func proposesAtMostFiveAndOnlyReachableOnes() {
        let anne = Recipient(id: "A", name: "Anne", group: "SOC", department: "91")
        let others = (0..<10).map { Recipient(id: "R\($0)", name: "R\($0)", twitter: $0 % 2 == 0 ? "r\($0)" : nil, group: "SOC", department: $0 < 4 ? "91" : "93") }
        let advice = UnreachableAdvice(for: anne, on: .twitter, targets: [anne] + others)
        #expect(advice.alternatives.map(\.id) == ["R0", "R2", "R4", "R6", "R8"])
        #expect(advice.elsewhere.isEmpty)
    }
}
