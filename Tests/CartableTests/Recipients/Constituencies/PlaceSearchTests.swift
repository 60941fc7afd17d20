import Foundation
import Testing
@testable import Cartable

/// A supporter's own deputy from their postcode or commune, on the shipped list of 2024.
@Suite("Recipient search by postcode and commune")
struct PlaceSearchTests {
    static let deputies = RecipientSearchTests.deputies2024

    static func search(_ query: String, in recipients: [Recipient] = deputies) -> RecipientSearch.Result {
        RecipientSearch(recipients: recipients).search(query)
    }

    @Test func aOneSeatPostcodeFindsItsDeputyAlone() {
        let result = Self.search("91300")
        #expect(result.recipients.map(\.name) == ["Jérôme Guedj"])
        #expect(result.interpretations == ["postcode 91300 → Essonne 6th constituency"])
        #expect(result.notes.isEmpty)
        #expect(result.localities.map(\.name) == ["Massy"])
    }

    @Test func aSplitPostcodeListsEveryDeputyAndSaysWhichCommuneLiesWhere() {
        let result = Self.search("01000")
        #expect(Set(result.recipients.map(\.name)) == ["Xavier Breton", "Jérôme Buisson"])
        #expect(result.interpretations == ["postcode 01000 → Ain 1st and 4th constituencies"])
        #expect(result.notes == [
            "postcode 01000 spans 2 constituencies; the commune narrows it: Ain 1st and 4th constituencies, split street by street — "
                + "Bourg-en-Bresse; Ain 1st constituency — Saint-Denis-lès-Bourg",
        ])
    }

    @Test func aPostcodeWhoseOnlyCommuneIsSplitSaysOnlyTheAddressTells() {
        let result = Self.search("75011")
        #expect(Set(result.recipients.map(\.name)) == ["Sophia Chikirou", "Emmanuel Grégoire"])
        #expect(result.notes.first?.hasPrefix("postcode 75011 spans 2 constituencies: a boundary runs through Paris 11e arrondissement street by street") == true)
    }

    @Test(arguments: [
        ("20000", ["Laurent Marcangeli", "Paul-André Colombani"]), ("20200", ["Michel Castellani"]),
        ("97400", ["Philippe Naillet", "Frédéric Maillot"]), ("97150", ["Frantz Gumbs"]), ("13001", ["Manuel Bompard"]),
        ("69003", ["Marie-Charlotte Garin", "Sandrine Runel"]), ("48000", ["Sophie Pantel"]),
    ])
    func corsicaOverseasAndCities(postcode: String, names: [String]) {
        #expect(Set(Self.search(postcode).recipients.map(\.name)) == Set(names))
    }

    @Test(arguments: ["Évry-Courcouronnes", "evry courcouronnes", "EVRY COURCOURONNES"])
    func aCommuneWithOrWithoutAccents(name: String) {
        let result = Self.search(name)
        #expect(result.recipients.map(\.name) == ["Farida Amrani"])
        #expect(result.interpretations == ["commune Évry-Courcouronnes (91) → Essonne 1st constituency"])
    }

    @Test(arguments: [("Paris 11e", 2), ("paris 1er", 1), ("Lyon 3e", 2), ("Marseille 1er", 1)])
    func arrondissements(name: String, count: Int) {
        let result = Self.search(name)
        #expect(result.recipients.count == count)
        #expect(result.interpretations.first?.contains("arrondissement →") == true)
    }

    @Test func aCommuneAndADeputysNameAreBothFound() {
        // Vienne is a department (86), a commune of Isère and a consular post: each is said, none is guessed.
        let result = Self.search("Vienne")
        #expect(result.interpretations.contains("department 86 (Vienne)"))
        #expect(result.interpretations.contains("commune Vienne (38) → Isère 8th constituency"))
        #expect(result.interpretations.contains("consular post Vienne → Français établis hors de France 7th constituency"))
        #expect(result.recipients.contains { $0.name == "Hanane Mansouri" })
        #expect(result.recipients.contains { $0.name == "Frédéric Petit" })
        #expect(result.notes.first == "2 places are named \"Vienne\": the department or the postcode tells which one is yours")
    }

    @Test func aCommuneNouvelleLaPosteKnowsGivesTheSeatsOfItsFormerCommunes() {
        let result = Self.search("Culoz-Béon")
        #expect(Set(result.recipients.map(\.name)) == ["Marc Chavent", "Olga Givernet"])
        #expect(result.notes == [
            "\"Culoz-Béon\" covers Béon and Culoz, which vote in different constituencies (the map predates the merger): "
                + "your former commune tells which one is yours",
        ])
    }

    @Test func unknownAndMalformedPostcodes() {
        let cedex = Self.search("91999")
        #expect(cedex.recipients.count == 10)
        #expect(cedex.recipients.allSatisfy { $0.department == "91" })
        #expect(cedex.interpretations.first?.hasPrefix("postcode 91999 is not in La Poste's base") == true)
        #expect(Self.search("00000").recipients.isEmpty)
        #expect(Self.search("9130").recipients.isEmpty, "four digits: neither a postcode nor a department")
    }

    @Test func aListWithoutConstituencyNumbersGivesTheDepartmentAndSaysSo() {
        let withoutNumbers = Self.deputies.map { deputy -> Recipient in
            var copy = deputy
            copy.constituency = nil
            return copy
        }
        let result = Self.search("91300", in: withoutNumbers)
        #expect(result.recipients.count == 10)
        #expect(result.recipients.allSatisfy { $0.department == "91" })
        #expect(result.interpretations == [
            "postcode 91300 → Essonne 6th constituency (this list has no constituency numbers: every deputy of Essonne (91))",
        ])
        let commune = Self.search("Évry-Courcouronnes", in: withoutNumbers)
        #expect(commune.recipients.count == 10)
        #expect(commune.interpretations.first?.hasSuffix("(this list has no constituency numbers: every deputy of Essonne (91))") == true)
    }

    @Test func theLookupIsFastOnceLoaded() {
        _ = Self.search("91300")
        _ = Self.search("Massy")
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for _ in 0..<200 { _ = ConstituencyFinder.lookUp(postcode: "75011"); _ = ConstituencyFinder.localities(named: "Saint-Denis") }
        }
        // 400 dictionary lookups; a wide margin for a debug build on a loaded machine.
        #expect(elapsed < .seconds(2), "\(elapsed)")
    }
}
