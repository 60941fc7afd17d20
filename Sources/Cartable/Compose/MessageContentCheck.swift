/// What a composed text must not be, whatever the platform accepts: holding characters that make it read otherwise
/// than it is written (control characters; a bidirectional override, embedding or isolate left open or closed
/// without opening, which makes `gnp.exe` show as `exe.png`), or saying nothing but the address.
///
/// The composer and a supporter's edit apply it to every message, so lint, preview, queue and write refuse the same
/// texts. One pass over the text's scalars.
enum MessageContentCheck {
    /// The first such problem of `text`, addressed with `address` (`.@handle `, or empty) to `mention`, if any.
    static func problem(in text: String, address: String, mention: String?) -> MessageProblem? {
        var bidi = BidiBalance()
        for scalar in text.unicodeScalars {
            if isControl(scalar) { return .hiddenCharacters("a control character (\(code(scalar)))") }
            if let unbalanced = bidi.add(scalar) { return .hiddenCharacters(unbalanced) }
        }
        if let unbalanced = bidi.endOfParagraph() { return .hiddenCharacters(unbalanced) }
        guard !text.isEmpty else { return nil }
        var body = Substring(text)
        if !address.isEmpty, body.hasPrefix(address) { body = body.dropFirst(address.count) }
        let rest = body.drop { $0.isWhitespace }
        let trimmed = rest.reversed().drop { $0.isWhitespace }
        if trimmed.isEmpty { return .onlyAddress }
        if let mention, rest.count <= mention.count + 2 {
            let word = String(trimmed.reversed())
            if word == mention || word == "." + mention { return .onlyAddress }
        }
        return nil
    }

    /// C0 controls but the line feed, DEL and C1 controls.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A: false
        case 0x00...0x1F, 0x7F...0x9F: true
        default: false
        }
    }

    /// The open bidirectional embeddings, overrides and isolates of the current paragraph (UAX #9 ends them all at
    /// its end).
    private struct BidiBalance {
        private enum Opening { case embedding, isolate }
        private var open: [(kind: Opening, scalar: Unicode.Scalar)] = []

        /// Takes the next scalar; says why the text does not balance, if it does not.
        mutating func add(_ scalar: Unicode.Scalar) -> String? {
            switch scalar.value {
            case 0x0A:
                return endOfParagraph()
            case 0x202A, 0x202B, 0x202D, 0x202E:
                open.append((.embedding, scalar))
            case 0x2066, 0x2067, 0x2068:
                open.append((.isolate, scalar))
            case 0x202C:
                guard open.last?.kind == .embedding else { return "a pop of directional formatting (U+202C) that closes nothing" }
                open.removeLast()
            case 0x2069:
                guard let last = open.last else { return "a pop of directional isolate (U+2069) that closes nothing" }
                guard last.kind == .isolate else { return "a directional embedding or override (\(code(last.scalar))) left open inside an isolate" }
                open.removeLast()
            default:
                break
            }
            return nil
        }

        /// Says what is left open at the end of a paragraph, if anything, and starts the next.
        mutating func endOfParagraph() -> String? {
            defer { open.removeAll() }
            guard let first = open.first else { return nil }
            return "a directional \(first.kind == .isolate ? "isolate" : "embedding or override") (\(code(first.scalar))) left open"
        }
    }

    static func code(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
