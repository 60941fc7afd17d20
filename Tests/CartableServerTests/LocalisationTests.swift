@testable import CartableServer
import Cartable
import Foundation
import Testing

/// The page's two languages: every phrase in both tables with the same placeholders, Accept-Language, numbers
/// and plurals.
@Suite("cartable serve: localisation")
struct LocalisationTests {
    @Test func everyPhraseIsInBothLanguagesWithTheSamePlaceholders() {
        func placeholders(_ text: String) -> Set<String> {
            Set(text.matches(of: /\{\d\}/).map { String($0.output) })
        }
        for phrase in Phrase.allCases {
            let french = Language.french.text(phrase)
            let english = Language.english.text(phrase)
            #expect(FrenchText.table[phrase] != nil, "\(phrase) has a French text")
            #expect(EnglishText.table[phrase] != nil, "\(phrase) has an English text")
            #expect(placeholders(french) == placeholders(english), "\(phrase)")
        }
    }

    @Test func acceptLanguagePicksTheBestLanguageThePageSpeaks() {
        #expect(Language(acceptLanguage: "de-DE,de;q=0.9,en;q=0.8,fr;q=0.7") == .english)
        #expect(Language(acceptLanguage: "fr-CA") == .french)
        #expect(Language(acceptLanguage: "en;q=0.2, fr;q=0.9") == .french)
        #expect(Language(acceptLanguage: "de, es") == nil)
        #expect(Language(acceptLanguage: "fr;q=0, en") == .english)
    }

    @Test func numbersAndPluralsAreWrittenAsEachLanguageWritesThem() {
        #expect(Language.french.number(12345) == "12\u{202F}345")
        #expect(Language.english.number(1234567) == "1,234,567")
        #expect(Language.french.count(0, one: .messagesOne, other: .messagesOther) == "0 message")
        #expect(Language.english.count(0, one: .messagesOne, other: .messagesOther) == "0 messages")
        #expect(Language.english.count(1, one: .messagesOne, other: .messagesOther) == "1 message")
        #expect(Language.french.count(2, one: .messagesOne, other: .messagesOther) == "2 messages")
        #expect(Language.french.moment(Date(timeIntervalSince1970: 1_796_050_800)).contains("novembre 2026"))
    }

    @Test func whatASearchUnderstoodIsSaidInFrenchWithFrenchSeatNames() {
        let saintDenis = Locality(kind: .commune, code: "93066", name: "Saint-Denis", department: "93",
                                  seats: [Seat(department: "93", number: 2), Seat(department: "93", number: 1)])
        #expect(Language.french.text(SearchReading.place(saintDenis, wholeDepartments: false))
            == "commune Saint-Denis (93) → Seine-Saint-Denis, 1re et 2e circonscriptions, partagée rue par rue")
        #expect(Language.english.text(SearchReading.place(saintDenis, wholeDepartments: false))
            == "commune Saint-Denis (93) → Seine-Saint-Denis 1st and 2nd constituencies, split street by street")
        #expect(Language.french.text(SearchReading.postcode("91300", seats: [Seat(department: "91", number: 6)], wholeDepartments: true))
            == "code postal 91300 → Essonne, 6e circonscription (cette liste ne numérote pas les circonscriptions : "
            + "tous les députés du département Essonne (91))")
        let twoDepartments = [Seat(department: "49", number: 7), Seat(department: "44", number: 6)]
        #expect(FrenchSearchWording.names(twoDepartments) == "Loire-Atlantique, 6e circonscription et Maine-et-Loire, 7e circonscription")

        // A postcode's places by seat; past eight names a group says how many more.
        let names = (1...10).map { "Commune \($0)" }
        let spans = SearchAdvice.postcodeSpans("01000", seatCount: 2, places: [
            .init(seats: [Seat(department: "01", number: 1)], names: names),
            .init(seats: [Seat(department: "01", number: 1), Seat(department: "01", number: 4)], names: ["Bourg-en-Bresse"]),
        ])
        #expect(Language.french.text(spans) == "le code postal 01000 couvre 2 circonscriptions ; la commune les départage : "
            + "Ain, 1re circonscription — Commune 1, Commune 2, Commune 3, Commune 4, Commune 5, Commune 6, Commune 7 et 3 autres ; "
            + "Ain, 1re et 4e circonscriptions, partagée rue par rue — Bourg-en-Bresse")
        #expect(Language.english.text(spans).hasSuffix("Commune 7 and 3 more; Ain 1st and 4th constituencies, split street by street — Bourg-en-Bresse"))
    }
}
