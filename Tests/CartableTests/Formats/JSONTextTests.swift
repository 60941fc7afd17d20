import Foundation
import Testing
@testable import Cartable

@Suite("JSON writing")
struct JSONTextTests {
    @Test func stringsEscapeWhatJSONRequires() {
        #expect(JSONText.string("a\"b\\c\n\u{1}é") == #""a\"b\\c\n\u0001é""#)
        #expect(JSONText.string("plain, accentué, 😀") == "\"plain, accentué, 😀\"", "nothing to escape: written as it is")
        #expect(JSONText.string(nil as String?) == "null")
    }

    @Test func controlCharactersAndLineSeparatorsComeOutAsValidJSONAndJavaScript() throws {
        let controls = String(String.UnicodeScalarView((0..<0x20).compactMap(Unicode.Scalar.init)))
        let hostile = controls + "\u{7F}\u{2028}\u{2029}\u{85}\u{FEFF}\"\\/é€😀" + "\u{E2}"
        let written = JSONText.string(hostile)
        #expect(!written.unicodeScalars.contains { $0.value < 0x20 || $0 == "\u{2028}" || $0 == "\u{2029}" })
        #expect(written.contains("\\u2028") && written.contains("\\u2029") && written.contains("\\u001f"))
        let decoded = try JSONSerialization.jsonObject(with: Data(written.utf8), options: [.fragmentsAllowed]) as? String
        #expect(decoded == hostile)
    }

    /// ASCII is looked at eight bytes at a time: what must be escaped is found at every place in runs of every length,
    /// between ASCII and after accented letters.
    @Test func whatMustBeEscapedIsFoundAnywhere() throws {
        for special in ["\"", "\\", "\n", "\u{1F}", "\u{2028}", "\u{2029}"] {
            for length in 0..<20 {
                for offset in 0...length {
                    for filler in ["a", "é"] {
                        var text = String(repeating: filler, count: length)
                        text.insert(contentsOf: special, at: text.index(text.startIndex, offsetBy: offset))
                        let written = JSONText.string(text)
                        #expect(written != "\"" + text + "\"", "\(text.debugDescription) must be escaped")
                        let decoded = try JSONSerialization.jsonObject(with: Data(written.utf8), options: [.fragmentsAllowed]) as? String
                        #expect(decoded == text)
                    }
                }
            }
        }
        let plain = String(repeating: "Madame la députée, 2026 ’ « ok » … ", count: 3)
        #expect(JSONText.string(plain) == "\"" + plain + "\"")
    }

    @Test func objectsAndArraysFromWrittenMembers() throws {
        let text = JSONText.object([
            ("line", "3"), ("error", JSONText.string("say \"hi\"\u{2028}")), ("ok", JSONText.bool(false)),
            ("list", JSONText.array([JSONText.string("a"), "1", JSONText.bool(true)])),
        ])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["line"] as? Int == 3)
        #expect(object["error"] as? String == "say \"hi\"\u{2028}")
        #expect(object["ok"] as? Bool == false)
        #expect((object["list"] as? [Any])?.count == 3)
    }
}
