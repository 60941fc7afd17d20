/// Escapes data for HTML: every value from a campaign or a recipient list goes through here, in text and in
/// (double-quoted) attributes alike, so a name such as `<script>alert(1)</script>` shows as text.
public enum HTMLText {
    /// `text` with `&`, `<`, `>`, `"` and `'` written as character references.
    public static func escaped(_ text: String) -> String {
        // Most values hold none of the five: looked for in the contiguous UTF-8, not through the String's view.
        let plain = text.withUTF8Bytes { bytes in !bytes.contains { $0 < 0x40 && referenced & (1 << UInt64($0)) != 0 } }
        if plain { return text }
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count + 16)
        appendEscaped(text, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends the UTF-8 of `text` to `output`, `&`, `<`, `>`, `"` and `'` written as character references: what a
    /// page written as bytes uses instead of ``escaped(_:)``, without a `String` in between.
    public static func appendEscaped(_ text: String, to output: inout [UInt8]) {
        text.withUTF8Bytes { bytes in
            // The five are ASCII: every other byte of the UTF-8 is copied as it is, runs of them at once.
            var runStart = 0
            for index in bytes.indices {
                let byte = bytes[index]
                guard byte < 0x40, referenced & (1 << UInt64(byte)) != 0 else { continue }
                if runStart < index { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
                switch byte {
                case 0x26: output.append(contentsOf: "&amp;".utf8)
                case 0x3C: output.append(contentsOf: "&lt;".utf8)
                case 0x3E: output.append(contentsOf: "&gt;".utf8)
                case 0x22: output.append(contentsOf: "&quot;".utf8)
                default: output.append(contentsOf: "&#39;".utf8)
                }
                runStart = index + 1
            }
            if runStart < bytes.count { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...])) }
        }
    }

    /// The five bytes written as references (`"`, `&`, `'`, `<`, `>`, all below 0x40), one bit each.
    private static let referenced: UInt64 = (1 << 0x22) | (1 << 0x26) | (1 << 0x27) | (1 << 0x3C) | (1 << 0x3E)
}
