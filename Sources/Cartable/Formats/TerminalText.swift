/// The one sanitiser for text written to a terminal: a name, a title, a message or a platform's answer can hold escape
/// sequences that would retitle the window, clear the screen or colour what follows, or bidirectional controls that
/// make a line read backwards. Every such character is shown as its code, `\u{1B}`, instead.
///
/// Escaped: the C0 controls but the line feed (unless `keepingLineBreaks` is false), DEL, the C1 controls, and the
/// bidirectional marks, embeddings, overrides and isolates (U+061C, U+200E–U+200F, U+202A–U+202E, U+2066–U+2069).
/// JSON output needs none of this: JSON escapes control characters itself.
public enum TerminalText {
    /// `text` with every control and bidirectional character written `\u{…}` (hexadecimal, upper case).
    public static func escaped(_ text: String, keepingLineBreaks: Bool = true) -> String {
        // Printable ASCII (most lines of a log) has nothing to escape: checked byte by byte, without decoding scalars.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        guard text.unicodeScalars.contains(where: { needsEscape($0, keepingLineBreaks: keepingLineBreaks) }) else { return text }
        var output = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if needsEscape(scalar, keepingLineBreaks: keepingLineBreaks) {
                output.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                output.append(scalar)
            }
        }
        return String(output)
    }

    /// Whether `scalar` is shown escaped.
    public static func needsEscape(_ scalar: Unicode.Scalar, keepingLineBreaks: Bool = true) -> Bool {
        switch scalar.value {
        case 0x0A: !keepingLineBreaks
        case 0x00...0x1F, 0x7F...0x9F: true
        default: isBidiControl(scalar)
        }
    }

    /// The bidirectional formatting characters: marks, embeddings, overrides, isolates and their ends.
    public static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
