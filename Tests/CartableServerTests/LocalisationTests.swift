@testable import CartableServer
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
}
