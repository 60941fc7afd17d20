/// The part of a status that Mastodon keeps: `Status#prepare_contents` runs Ruby's `String#strip` on a
/// local status before validating it, so leading and trailing whitespace is neither stored nor counted.
///
/// Ruby strips ASCII only (NUL, tab, line feed, vertical tab, form feed, carriage return, space): a
/// no-break space or an ideographic space at either end stays, and counts.
enum RubyStrip {
    /// The range of `text` left after stripping; empty when nothing is left.
    static func keptRange(of text: String) -> Range<String.Index> {
        let utf8 = text.utf8
        var start = utf8.startIndex
        var end = utf8.endIndex
        while start < end, isStripped(utf8[start]) { utf8.formIndex(after: &start) }
        while start < end {
            let last = utf8.index(before: end)
            guard isStripped(utf8[last]) else { break }
            end = last
        }
        return start..<end
    }

    private static func isStripped(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x00 || (0x09...0x0D).contains(byte)
    }
}
