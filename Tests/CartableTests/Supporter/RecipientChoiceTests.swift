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
        let both = choice.matches(RecipientQuery(text: "martin", department: RecipientQuery.department(named: "93")))
        #expect(both.recipients.map(\.id) == ["W2", "W3", "W4"])
        let elsewhere = choice.matches(RecipientQuery(text: "martin", postcode: "91000"))
        #expect(elsewhere.recipients.isEmpty)
    }

    @Test func aPostcodeGivesTheDeputyOfItsConstituencyNotTheWholeDepartment() throws {
        let choice = try SupporterFixtures.audience().choice
        let massy = choice.matches(RecipientQuery(postcode: "91300"))
        #expect(massy.recipients.map(\.id) == ["W1"])
        #expect(massy.interpretations == ["postcode 91300 → Essonne 6th constituency"])
        let lozere = choice.matches(RecipientQuery(postcode: "48000"))
        #expect(lozere.recipients.map(\.id) == ["W5"])
        #expect(lozere.interpretations == ["postcode 48000 → Lozère 1st constituency"])
        // Pantin is in Seine-Saint-Denis' 6th constituency, whose deputy the fixture does not have.
        #expect(choice.matches(RecipientQuery(postcode: "93500")).recipients.isEmpty)
    }

    @Test func aSplitPostcodeGivesEachDeputyAndTheCommuneNarrowsIt() throws {
        let choice = try SupporterFixtures.audience().choice
        // Saint-Denis (93200) is split between the 1st and 2nd constituencies street by street.
        let saintDenis = choice.matches(RecipientQuery(postcode: "93200"))
        #expect(saintDenis.recipients.map(\.id) == ["W2", "W3"])
        #expect(saintDenis.interpretations == ["postcode 93200 → Seine-Saint-Denis 1st and 2nd constituencies"])
        #expect(saintDenis.notes.first?.hasPrefix("postcode 93200 spans 2 constituencies: a boundary runs through Saint-Denis") == true)
        #expect(saintDenis.localities.map(\.code) == ["93066"])
        let named = choice.matches(RecipientQuery(text: "paul", postcode: "93200"))
        #expect(named.recipients.map(\.id) == ["W3"])
    }

    @Test func aCommuneNameNarrowsAPostcodeServingSeveralCommunes() throws {
        let everyone = [
            Recipient(id: "A1", name: "Xavier Breton", department: "01", constituency: 1),
            Recipient(id: "A4", name: "Jérôme Buisson", department: "01", constituency: 4),
            Recipient(id: "A5", name: "Autre Député", department: "01", constituency: 5),
        ]
        let choice = RecipientChoice(targets: everyone, everyone: everyone)
        let postcode = choice.matches(RecipientQuery(postcode: "01000"))
        #expect(postcode.recipients.map(\.id) == ["A1", "A4"])
        #expect(postcode.localities.map(\.name) == ["Bourg-en-Bresse", "Saint-Denis-lès-Bourg"])
        #expect(postcode.notes.first?.contains("the commune narrows it") == true)
        let narrowed = choice.matches(RecipientQuery(text: "Saint-Denis-lès-Bourg", postcode: "01000"))
        #expect(narrowed.recipients.map(\.id) == ["A1"])
        #expect(narrowed.interpretations == [
            "postcode 01000 → Ain 1st and 4th constituencies", "commune Saint-Denis-lès-Bourg (01) → Ain 1st constituency",
        ])
        #expect(narrowed.notes.isEmpty, "the commune answered what the postcode could not")
    }

    @Test func withoutConstituencyNumbersAPostcodeGivesItsDepartmentAndSaysSo() throws {
        let everyone = [
            Recipient(id: "E1", name: "Une Députée", department: "91"), Recipient(id: "E2", name: "Un Député", department: "91"),
            Recipient(id: "S1", name: "Autre", department: "93"),
        ]
        let matches = RecipientChoice(targets: everyone, everyone: everyone).matches(RecipientQuery(postcode: "91300"))
        #expect(matches.recipients.map(\.id) == ["E2", "E1"], "one department: by name when there is no constituency number")
        #expect(matches.interpretations == [
            "postcode 91300 → Essonne 6th constituency (this list has no constituency numbers: every deputy of Essonne (91))",
        ])
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
        let besse = audience.choice.matches(RecipientQuery(text: "veronique besse"))
        #expect(besse.recipients.isEmpty && besse.outsideTargets.map(\.group) == ["NI"])
        let seineSaintDenis = audience.choice.matches(RecipientQuery(department: RecipientQuery.department(named: "93"))).recipients
        #expect(seineSaintDenis.count == 12)
        #expect(seineSaintDenis.compactMap(\.constituency) == Array(1...12))
        let pantin = audience.choice.matches(RecipientQuery(postcode: "93500")).recipients
        #expect(pantin.map(\.name) == ["Bastien Lachaud"])
        let typed = audience.choice.matches(RecipientQuery(text: "93500")).recipients
        #expect(typed.map(\.name) == ["Bastien Lachaud"], "a postcode typed as a name: the same deputy")
        let lozere = audience.choice.matches(RecipientQuery(postcode: "48000")).recipients
        #expect(lozere.map(\.name) == ["Sophie Pantel"])
    }
}
