import Foundation
import Testing
@testable import Cartable

@Suite("NFC quick path")
struct UnicodeNormalizationTests {
    @Test("text NFC leaves alone is recognised without normalising", arguments: [
        "", "Bonjour", "café crème à l’Assemblée « 15 propositions » … 10 € 🎒 👨‍👩‍👧‍👦 🇫🇷 ✊🏽",
        "日本語のテキスト", "한국어",
    ])
    func knownNFC(text: String) {
        #expect(UnicodeNormalization.isKnownNFC(text))
        #expect(UnicodeNormalization.nfc(text) == text)
    }

    @Test("text NFC would change is never taken as known NFC; nfc() then normalises", arguments: [
        "e\u{301}",        // a combining accent composes
        "\u{2126}",        // OHM SIGN becomes Ω (a singleton)
        "\u{212B}",        // ANGSTROM SIGN becomes Å
        "\u{FB2C}",        // a composition exclusion that expands
        "\u{1100}\u{1161}", // Hangul jamo L + V compose into a syllable
        "\u{AC00}\u{11A8}", // a syllable + trailing jamo compose
        "\u{2000}",        // EN QUAD becomes EN SPACE
        "Ελληνικά",       // NFC already, but outside the blocks the quick path trusts: normalised to find out
    ])
    func notKnownNFC(text: String) {
        #expect(!UnicodeNormalization.isKnownNFC(text))
        #expect(UnicodeNormalization.nfc(text) == text.precomposedStringWithCanonicalMapping)
    }
}
