import Foundation

/// Finds URLs the way twitter-text's Java `Extractor.extractURLsWithIndices` does: what a platform
/// that follows twitter-text replaces with a fixed-length link.
///
/// URLs with and without `http(s)://` are found (`example.com`, `foo.co.jp/path` and any listed TLD),
/// unicode hosts only after a protocol (`http://ああ.com`), with port, path (balanced parentheses,
/// no trailing `.` or `)`) and query. A t.co link keeps only its slug and query, and is dropped when
/// the slug is over 40 characters; a host that fails IDNA (a label over 63 characters once Punycoded)
/// or a URL over 4096 characters is dropped, and the text it covers is not scanned again.
/// The text is expected in NFC, as the length counter normalises it first.
public enum URLExtractor {
    /// All URLs in `text`, in order. `includingURLsWithoutProtocol: false` keeps only http:// and https:// URLs
    /// (Mastodon counts only those).
    public static func extractURLs(from text: String, includingURLsWithoutProtocol: Bool = true) -> [ExtractedURL] {
        var urls: [ExtractedURL] = []
        withUTF16(of: text, includingURLsWithoutProtocol: includingURLsWithoutProtocol) { units in
            forEachURL(in: units, includingURLsWithoutProtocol: includingURLsWithoutProtocol) { range in
                let url = UTF16Transcoding.string(from: units[range])
                urls.append(ExtractedURL(url: url, range: range))
            }
        }
        return urls
    }

    /// The UTF-16 ranges of the URLs in `text`, without building a `String` per URL (the counter's path).
    static func urlRanges(in text: String, includingURLsWithoutProtocol: Bool = true) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        withUTF16(of: text, includingURLsWithoutProtocol: includingURLsWithoutProtocol) { units in
            forEachURL(in: units, includingURLsWithoutProtocol: includingURLsWithoutProtocol) { ranges.append($0) }
        }
        return ranges
    }

    /// The regex matches of `units` that survive twitter-text's post-filters, in order.
    static func forEachURL(
        in units: UnsafeBufferPointer<UInt16>, includingURLsWithoutProtocol: Bool, _ body: (Range<Int>) -> Void
    ) {
        var scanner = URLScanner(text: units)
        var position = 0
        while let match = scanner.nextMatch(from: position) {
            // Java's matcher resumes after the whole match, even when the URL is then dropped.
            position = match.url.upperBound
            if !match.hasProtocol {
                guard includingURLsWithoutProtocol else { continue }
                if let preceding = match.precedingUnit, URLCharacters.blocksURLWithoutProtocol(preceding) { continue }
            }
            var url = match.url
            if match.hasProtocol, let link = shortLink(in: url, of: scanner) {
                guard link.slugLength <= maximumShortLinkSlugLength else { continue }
                url = url.lowerBound..<link.end
            }
            guard HostValidation.isValid(host: units[match.host], urlLength: url.count,
                                         hasProtocol: match.hasProtocol) else { continue }
            body(url)
        }
    }

    /// The longest t.co slug the platform accepts (Java `Extractor.MAX_TCO_SLUG_LENGTH`).
    static let maximumShortLinkSlugLength = 40

    /// `^https?://t\.co/([a-z0-9]+)(?:\?query)?` on the URL: a t.co link keeps only that part.
    private static func shortLink(in url: Range<Int>, of scanner: URLScanner) -> (end: Int, slugLength: Int)? {
        let units = scanner.text
        var index = url.lowerBound + 4  // after "http", already matched
        if index < url.upperBound, URLCharacters.lowercasedASCII(units[index]) == 0x73 { index += 1 }  // s
        guard units.hasASCIIPrefix("://t.co/", at: index) else { return nil }
        let slugStart = index + 8
        var end = slugStart
        while end < url.upperBound, URLCharacters.alphanumeric.contains(units[end]) { end += 1 }
        guard end > slugStart else { return nil }
        let slugLength = end - slugStart
        if end < url.upperBound, units[end] == 0x3F,
           let queryEnd = scanner.queryEnd(afterQuestionMark: end + 1, limit: url.upperBound) {
            end = queryEnd
        }
        return (end, slugLength)
    }

    /// Calls `body` with `text` as UTF-16 code units, unless it cannot hold a URL: with no `.`, or,
    /// when only URLs with a protocol count, no `:` (twitter-text's own shortcut).
    private static func withUTF16(
        of text: String, includingURLsWithoutProtocol: Bool, _ body: (UnsafeBufferPointer<UInt16>) -> Void
    ) {
        var text = text
        let scanned: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
            transcodeIfItMayHoldURLs(bytes, includingURLsWithoutProtocol: includingURLsWithoutProtocol, body)
        }
        guard scanned == nil else { return }
        // A bridged or otherwise non-native string: make it native UTF-8 first.
        text.makeContiguousUTF8()
        _ = text.utf8.withContiguousStorageIfAvailable { bytes in
            transcodeIfItMayHoldURLs(bytes, includingURLsWithoutProtocol: includingURLsWithoutProtocol, body)
        }
    }

    private static func transcodeIfItMayHoldURLs(
        _ bytes: UnsafeBufferPointer<UInt8>, includingURLsWithoutProtocol: Bool,
        _ body: (UnsafeBufferPointer<UInt16>) -> Void
    ) {
        guard let base = bytes.baseAddress, memchr(base, Int32(UInt8(ascii: ".")), bytes.count) != nil,
              includingURLsWithoutProtocol || memchr(base, Int32(UInt8(ascii: ":")), bytes.count) != nil else { return }
        // A UTF-16 text never has more code units than its UTF-8 form has bytes.
        withUnsafeTemporaryAllocation(of: UInt16.self, capacity: bytes.count) { buffer in
            let count = UTF16Transcoding.transcode(validUTF8: bytes, into: buffer)
            body(UnsafeBufferPointer(rebasing: buffer[0..<count]))
        }
    }
}
