import Testing

@testable import Cartable

@Suite("the terminal sanitiser")
struct TerminalTextTests {
    @Test("C0 and C1 controls, DEL and bidi controls are shown escaped; line breaks kept unless asked; the rest untouched")
    func escapes() {
        #expect(TerminalText.escaped("Esc\u{1B}]0;pwned\u{07}\u{1B}[2J") == #"Esc\u{1B}]0;pwned\u{7}\u{1B}[2J"#)
        #expect(TerminalText.escaped("a\u{0}b\u{7F}c\u{85}d\u{9B}e") == #"a\u{0}b\u{7F}c\u{85}d\u{9B}e"#)
        #expect(TerminalText.escaped("Hi \u{202E}gnp.exe \u{2066}x\u{2069} \u{200F}") == #"Hi \u{202E}gnp.exe \u{2066}x\u{2069} \u{200F}"#)
        #expect(TerminalText.escaped("two\nlines\ttab\r") == "two\nlines\\u{9}tab\\u{D}")
        #expect(TerminalText.escaped("two\nlines", keepingLineBreaks: false) == "two\\u{A}lines")
        let plain = "Jérôme Guedj — 日本語 👨‍👩‍👧 \\u{1B} stays as typed"
        #expect(TerminalText.escaped(plain) == plain)
    }
}
