import Foundation
import Testing
@testable import Cartable

@Suite("JSON-lines text (cartable count --jsonl)")
struct JSONLineTextTests {
    private func text(_ line: String) -> Result<String, JSONLineText.Problem> { JSONLineText.text(from: line) }

    @Test("a JSON string or an object's \"text\" string, escapes decoded")
    func stringsAndObjects() {
        #expect(text(#""ligne un\nligne deux""#) == .success("ligne un\nligne deux"))
        #expect(text(#"  {"id": 7, "tags": [1, -2.5e3, true, null, {"a": []}], "text": "€5 l’unité"} "#) == .success("€5 l’unité"))
        #expect(text(#""\"\\\/\b\f\r\t\u00e9\uD83D\uDE00""#) == .success("\"\\/\u{08}\u{0C}\r\té😀"))
        #expect(text(#"{"text": "a", "text": "b"}"#) == .success("b"), "the last member wins")
        #expect(text(#""""#) == .success(""))
    }

    @Test("U+FEFF that starts a string is text, not a byte order mark, raw or escaped")
    func leadingZeroWidthNoBreakSpace() {
        #expect(text("\"\u{FEFF}abc\"") == .success("\u{FEFF}abc"))
        #expect(text(#""\uFEFFabc""#) == .success("\u{FEFF}abc"))
        #expect(text("{\"text\":\"\u{FEFF}abc\"}") == .success("\u{FEFF}abc"))
        #expect(text("\"a\\n\u{FEFF}\"") == .success("a\n\u{FEFF}"))
    }

    @Test("anything but one string or object is malformed; an object without a text string has no text")
    func problems() {
        for line in ["", "[", "3", "[\"a\"]", "\"a", "\"a\" x", "{\"text\" \"a\"}", "{\"text\":\"a\",}", "\"\\x\"",
                     "\"\\uD800\"", "\"\\uDC00x\"", "\"tab\there\"", "{\"n\": 01}", "{\"n\": tru}",
                     String(repeating: "[", count: 100_000)] {
            #expect(text(line) == .failure(.malformedJSON), "\(line.prefix(20).debugDescription)")
        }
        #expect(text(#"{"text": 3}"#) == .failure(.noTextField))
        #expect(text(#"{"texte": "a"}"#) == .failure(.noTextField))
        #expect(text("{}") == .failure(.noTextField))
    }

    @Test("agrees with JSONSerialization on texts that do not start with U+FEFF")
    func agreesWithFoundation() throws {
        let samples = ["Madame la députée", "ligne\nligne\t\"citée\" \\ /", "😀 👨‍👩‍👧 🇫🇷", "\u{2028}\u{0}", "a\u{FEFF}"]
        for sample in samples {
            let line = String(decoding: try JSONSerialization.data(withJSONObject: ["text": sample]), as: UTF8.self)
            #expect(text(line) == .success(sample), "\(line)")
        }
    }
}
