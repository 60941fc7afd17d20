/// What a composed text must not be, whatever the platform accepts: holding characters that make it read otherwise
/// than it is written (control characters; a bidirectional override, embedding or isolate left open or closed
/// without opening, which makes `gnp.exe` show as `exe.png`), or saying nothing but the address.
///
/// The composer and a supporter's edit apply it to every message, so lint, preview, queue and write refuse the same
/// texts.
enum MessageContentCheck {
    /// The first such problem of `text`, addressed with `address` (`.@handle `, or empty) to `mention`, if any.
    ///
    /// Every composed message goes through it, so it reads bytes: only the lead bytes of a C1 control (`0xC2`) or
    /// of a bidirectional control (`0xE2`) make it decode a scalar, and it never counts characters.
    static func problem(in text: String, address: String, mention: String?) -> MessageProblem? {
        if let hidden = hiddenCharacters(in: text) { return .hiddenCharacters(hidden) }
        guard !text.isEmpty else { return nil }
        let scalars = text.unicodeScalars
        var start = scalars.startIndex, end = scalars.endIndex
        if !address.isEmpty, text.utf8.starts(with: address.utf8) {
            // The address is whole scalars, so the index after its bytes is a scalar boundary.
            start = text.utf8.index(start, offsetBy: address.utf8.count)
        }
        while start < end, scalars[start].properties.isWhitespace { start = scalars.index(after: start) }
        while start < end {
            let last = scalars.index(before: end)
            guard scalars[last].properties.isWhitespace else { break }
            end = last
        }
        if start == end { return .onlyAddress }
        if let mention {
            let word = Substring(scalars[start..<end])
            // Compared as text (canonical equivalence) only when it could be the mention, with or without a dot.
            if word.utf8.count <= 4 * (mention.utf8.count + 1), word == mention || word == "." + mention { return .onlyAddress }
        }
        return nil
    }

    /// Why `text` reads otherwise than written, if it does: its first control character, or its first unbalanced
    /// bidirectional control.
    private static func hiddenCharacters(in text: String) -> String? {
        var bidi = BidiBalance()
        var bytes = text.utf8.makeIterator()
        while let byte = bytes.next() {
            switch byte {
            case 0x0A:
                if let unbalanced = bidi.endOfParagraph() { return unbalanced }
            case 0x00...0x1F, 0x7F:
                return "a control character (\(code(Unicode.Scalar(byte))))"
            case 0xC2:
                // U+0080...U+00BF; the C1 controls are U+0080...U+009F.
                guard let second = bytes.next() else { return nil }
                if second <= 0x9F { return "a control character (\(code(Unicode.Scalar(second))))" }
            case 0xE2:
                // U+2000...U+2FFF; the bidirectional controls are U+202A...U+202E and U+2066...U+2069.
                guard let second = bytes.next(), let third = bytes.next() else { return nil }
                let value = 0x2000 | UInt32(second & 0x3F) << 6 | UInt32(third & 0x3F)
                if let scalar = Unicode.Scalar(value), let unbalanced = bidi.add(scalar) { return unbalanced }
            default:
                break
            }
        }
        return bidi.endOfParagraph()
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
