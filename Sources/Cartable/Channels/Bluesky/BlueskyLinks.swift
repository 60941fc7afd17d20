/// The links of a post text as Bluesky link facets want them: a full URI and a UTF-8 byte range.
///
/// Interim: finds URLs written with an explicit `http://` or `https://` and trims trailing punctuation, working in
/// UTF-16 offsets like `URLExtractor.extractURLs(from:)` (issue 3), which replaces ``utf16Spans(in:)`` once it is on
/// main so that Bluesky sees the same URLs the length engine counted.
enum BlueskyLinks {
    /// Each link's URI (with a scheme) and its UTF-8 byte range.
    static func find(in text: String) -> [(uri: String, byteRange: Range<Int>)] {
        utf16Spans(in: text).compactMap { span in
            guard let byteRange = utf8Range(ofUTF16: span.range, in: text) else { return nil }
            let hasScheme = span.url.lowercased().hasPrefix("http://") || span.url.lowercased().hasPrefix("https://")
            return (hasScheme ? span.url : "https://" + span.url, byteRange)
        }
    }

    /// URLs with their UTF-16 ranges (the shape of `URLExtractor`'s `ExtractedURL`).
    static func utf16Spans(in text: String) -> [(url: String, range: Range<Int>)] {
        let scalars = Array(text.unicodeScalars)
        var utf16Offsets: [Int] = []
        utf16Offsets.reserveCapacity(scalars.count + 1)
        var offset = 0
        for scalar in scalars {
            utf16Offsets.append(offset)
            offset += scalar.utf16.count
        }
        utf16Offsets.append(offset)
        var spans: [(url: String, range: Range<Int>)] = []
        var index = 0
        while index < scalars.count {
            guard let schemeLength = schemeLength(scalars, at: index),
                index == 0 || !(scalars[index - 1].properties.isAlphabetic || scalars[index - 1].properties.numericType != nil)
            else {
                index += 1
                continue
            }
            var end = index + schemeLength
            while end < scalars.count, !scalars[end].properties.isWhitespace, !"<>\"".unicodeScalars.contains(scalars[end]) {
                end += 1
            }
            end = trimmedEnd(scalars, start: index, end: end)
            if end > index + schemeLength {
                spans.append((String(String.UnicodeScalarView(scalars[index..<end])), utf16Offsets[index]..<utf16Offsets[end]))
            }
            index = max(end, index + 1)
        }
        return spans
    }

    /// The UTF-8 byte range of a UTF-16 range of `text`, or `nil` if it splits a character's code units.
    static func utf8Range(ofUTF16 range: Range<Int>, in text: String) -> Range<Int>? {
        let utf16 = text.utf16
        guard range.lowerBound >= 0, range.upperBound <= utf16.count else { return nil }
        let start = utf16.index(utf16.startIndex, offsetBy: range.lowerBound)
        let end = utf16.index(utf16.startIndex, offsetBy: range.upperBound)
        guard start.samePosition(in: text.unicodeScalars) != nil, end.samePosition(in: text.unicodeScalars) != nil else { return nil }
        let byteStart = text.utf8.distance(from: text.utf8.startIndex, to: start)
        return byteStart..<(byteStart + text.utf8.distance(from: start, to: end))
    }

    private static func schemeLength(_ scalars: [Unicode.Scalar], at index: Int) -> Int? {
        for scheme in ["https://", "http://"] {
            let candidate = scheme.unicodeScalars
            guard index + candidate.count <= scalars.count else { continue }
            if zip(scalars[index...], candidate).allSatisfy({ String($0).lowercased() == String($1) }) {
                return candidate.count
            }
        }
        return nil
    }

    /// Drops sentence punctuation after a URL ("… https://example.fr/x." ends before the dot), keeping a closing
    /// bracket that closes one opened inside the URL (Wikipedia-style paths).
    private static func trimmedEnd(_ scalars: [Unicode.Scalar], start: Int, end: Int) -> Int {
        var end = end
        while end > start {
            let last = scalars[end - 1]
            if ".,;:!?'’\"".unicodeScalars.contains(last) {
                end -= 1
            } else if last == ")" || last == "]" {
                let opening: Unicode.Scalar = last == ")" ? "(" : "["
                let opened = scalars[start..<end].filter { $0 == opening }.count
                let closed = scalars[start..<end].filter { $0 == last }.count
                guard closed > opened else { break }
                end -= 1
            } else {
                break
            }
        }
        return end
    }
}
