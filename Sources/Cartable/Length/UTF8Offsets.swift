/// Converts twitter-text style UTF-16 offsets into UTF-8 byte offsets, as Bluesky facets need.
public enum UTF8Offsets {
    /// The UTF-8 byte range of `text` covering the same characters as the UTF-16 range `utf16Range`.
    ///
    /// Returns `nil` when the range is out of bounds or splits a surrogate pair.
    public static func byteRange(of utf16Range: Range<Int>, in text: String) -> Range<Int>? {
        let utf16 = text.utf16
        guard utf16Range.lowerBound >= 0, utf16Range.upperBound <= utf16.count,
              let start = utf16.index(utf16.startIndex, offsetBy: utf16Range.lowerBound, limitedBy: utf16.endIndex),
              let end = utf16.index(start, offsetBy: utf16Range.count, limitedBy: utf16.endIndex),
              let startScalar = start.samePosition(in: text.unicodeScalars),
              let endScalar = end.samePosition(in: text.unicodeScalars)
        else { return nil }
        let byteStart = text.utf8.distance(from: text.utf8.startIndex, to: startScalar)
        let byteEnd = text.utf8.distance(from: text.utf8.startIndex, to: endScalar)
        return byteStart..<byteEnd
    }
}
