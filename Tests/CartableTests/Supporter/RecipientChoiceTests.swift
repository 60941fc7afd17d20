import Foundation
import Testing
@testable import Cartable

@Suite("Recipient choice")
struct RecipientChoiceTests {
    @Test(arguments: ["guedj", "GUEDJ", "Jerome Guedj", "guedj jérôme", "jér gue"])
    func aPartialNameFindsOneTarget(query: String) throws {
        let matches = try SupporterFixtures.audience().choice.matches(RecipientQuery(text: query))
        #expect(matches.recipients.map(\.id) == ["W1"])
    }

    @Test func aCommonNameFindsEveryTargetBearingIt() throws {
        let matches = try SupporterFixtures.audience().choice.matches(RecipientQuery(text: "martin"))
        // Whole words only: "Martin-Sanscompte" is two words, one of them "martin".
        #expect(matches.recipients.map(\.id) == ["W2", "W3", "W4"])
    }

    @Test func departmentsAndPostcodesNarrowAndSortByConstituency() throws {
        let choice = try SupporterFixtures.audience().choice
        let byCode = choice.matches(RecipientQuery(department: RecipientQuery.department(named: "93")))
        #expect(byCode.recipients.map(\.id) == ["W2", "W3", "W4", "W7"])
        #expect(byCode.recipients.map(\.constituency) == [1, 2, 3, 4])
        let byName = choice.matches(RecipientQuery(department: RecipientQuery.department(named: "seine saint-denis")))
        #expect(byName.recipients.map(\.id) == byCode.recipients.map(\.id))
        let byPostcode = choice.matches(RecipientQuery(postcode: "93500"))
        #expect(byPostcode.recipients.map(\.id) == byCode.recipients.map(\.id))
        #expect(byPostcode.interpretations == ["postcode 93500 → department 93 (Seine-Saint-Denis)"])
        let both = choice.matches(RecipientQuery(text: "martin", department: RecipientQuery.department(named: "93")))
        #expect(both.recipients.map(\.id) == ["W2", "W3", "W4"])
        let elsewhere = choice.matches(RecipientQuery(text: "martin", postcode: "91000"))
        #expect(elsewhere.recipients.isEmpty)
    }

    @Test func aPostcodeOfADepartmentWithOneSeatGivesItsDeputy() throws {
        let matches = try SupporterFixtures.audience().choice.matches(RecipientQuery(postcode: "48000"))
        #expect(matches.recipients.map(\.id) == ["W5"])
        #expect(matches.interpretations.first?.hasSuffix("its one constituency") == true)
    }

    @Test func aDeputyLeftOutOfTheTargetsIsNamedNotOffered() throws {
        let matches = try SupporterFixtures.audience().choice.matches(RecipientQuery(text: "noe inscrit"))
        #expect(matches.recipients.isEmpty)
        #expect(matches.outsideTargets.map(\.id) == ["W6"])
        let nothing = try SupporterFixtures.audience().choice.matches(RecipientQuery(text: "zzz"))
        #expect(nothing.recipients.isEmpty && nothing.outsideTargets.isEmpty)
    }

    @Test func departmentsAreReadAsPeopleWriteThem() {
        #expect(RecipientQuery.department(named: "2a")?.code == "2A")
        #expect(RecipientQuery.department(named: "corse du sud")?.code == "2A")
        #expect(RecipientQuery.department(named: "Côte-d'Or")?.code == "21")
        #expect(RecipientQuery.department(named: "cote d or")?.code == "21")
        #expect(RecipientQuery.department(named: "0974")?.code == "974")
        #expect(RecipientQuery.department(named: "Atlantis") == nil)
        #expect(RecipientQuery.department(named: "") == nil)
        #expect(RecipientQuery.department(named: "20") == nil, "Corsica before 1976 is no department any more")
    }

    @Test func onTheShippedListANameAndAPostcodeAgreeWithTheSearchCommand() throws {
        let audience = try SupporterFixtures.shipped()
        let guedj = audience.choice.matches(RecipientQuery(text: "guedj")).recipients
        #expect(guedj.map(\.name) == ["Jérôme Guedj"])
        // Non-attached deputies are excluded by the campaign: found in the list, not offered.
        let besse = audience.choice.matches(RecipientQuery(text: "besse"))
        #expect(besse.recipients.isEmpty && besse.outsideTargets.map(\.group) == ["NI"])
        let seineSaintDenis = audience.choice.matches(RecipientQuery(postcode: "93500")).recipients
        #expect(seineSaintDenis.count == 12)
        #expect(seineSaintDenis.compactMap(\.constituency) == Array(1...12))
        let typed = audience.choice.matches(RecipientQuery(text: "93500")).recipients
        #expect(typed.compactMap(\.constituency) == Array(1...12), "a postcode typed as a name: one department, by constituency")
        let lozere = audience.choice.matches(RecipientQuery(postcode: "48000")).recipients
        #expect(lozere.map(\.name) == ["Sophie Pantel"])
    }
}
