import Testing
@testable import Cartable

/// The check every composed message and every supporter's edit goes through: hidden characters (controls,
/// unbalanced bidirectional controls) and texts that say nothing but the address.
@Suite("Message content check")
struct MessageContentCheckTests {
    private func problem(_ text: String, address: String = "", mention: String? = nil) -> MessageProblem? {
        MessageContentCheck.problem(in: text, address: address, mention: mention)
    }

    @Test("ordinary texts pass, with accents, typographic apostrophes, dashes, emoji and line breaks",
          arguments: [
              ".@jguedj Le cartable de l’ESS — 5 propositions… https://example.org #ESS",
              "Bonjour Mme Lévêque\nMerci 🙏 € « oui »",
              "Entre \u{2068}سليم\u{2069} et nous",
              "\u{202B}נוסח\u{202C} fermé",
              "¡Olé! ¿Sí? ±½",
          ])
    func ordinaryTextsPass(text: String) {
        #expect(problem(text, address: ".@jguedj ", mention: "@jguedj") == nil)
    }

    @Test("every C0 control but the line feed, DEL and every C1 control is a problem, named by its code point",
          arguments: Array(0x00...0x1F).filter { $0 != 0x0A } + Array(0x7F...0x9F))
    func controlsAreProblems(value: Int) throws {
        let scalar = try #require(Unicode.Scalar(UInt32(value)))
        let code = "U+" + String(repeating: "0", count: 4 - String(value, radix: 16).count) + String(value, radix: 16, uppercase: true)
        #expect(problem("Bonjour \(Character(scalar)) à vous") == .hiddenCharacters("a control character (\(code))"))
    }

    @Test("bidirectional controls must balance within their paragraph")
    func bidiBalance() {
        #expect(problem("Hi \u{202E}gnp.exe") == .hiddenCharacters("a directional embedding or override (U+202E) left open"))
        #expect(problem("Hi \u{2067}abc\nnext \u{2069}") == .hiddenCharacters("a directional isolate (U+2067) left open"))
        #expect(problem("closes \u{202C} nothing") == .hiddenCharacters("a pop of directional formatting (U+202C) that closes nothing"))
        #expect(problem("closes \u{2069} nothing") == .hiddenCharacters("a pop of directional isolate (U+2069) that closes nothing"))
        #expect(problem("\u{2066}a \u{202D}b\u{2069}")
                == .hiddenCharacters("a directional embedding or override (U+202D) left open inside an isolate"))
        #expect(problem("\u{2066}a \u{202D}b\u{202C}\u{2069} fin") == nil)
    }

    @Test("a text that is only the address, the mention or whitespace says nothing")
    func onlyAddress() {
        #expect(problem(".@jguedj ", address: ".@jguedj ", mention: "@jguedj") == .onlyAddress)
        #expect(problem(".@jguedj  \u{00A0}\u{3000} ", address: ".@jguedj ", mention: "@jguedj") == .onlyAddress)
        #expect(problem(" @jguedj ", mention: "@jguedj") == .onlyAddress)
        #expect(problem(".@jguedj", mention: "@jguedj") == .onlyAddress)
        #expect(problem("\u{2003}\t", mention: nil) == .hiddenCharacters("a control character (U+0009)"))
        #expect(problem("\u{2003} \u{00A0}", mention: nil) == .onlyAddress)
        #expect(problem("") == nil)
    }

    @Test("a text that says something beside the address passes, however short")
    func somethingSaid() {
        #expect(problem(".@jguedj Merci", address: ".@jguedj ", mention: "@jguedj") == nil)
        #expect(problem("@jguedj !", mention: "@jguedj") == nil)
        #expect(problem("@jguedjx", mention: "@jguedj") == nil)
        #expect(problem(".@jguedj ", address: ".@other ", mention: "@other") == nil)
    }
}
