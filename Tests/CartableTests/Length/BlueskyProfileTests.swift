import Testing
@testable import Cartable

/// app.bsky.feed.post limits (PLATFORMS.md §3.2-3.3): 300 graphemes and 3000 UTF-8 bytes.
@Suite("Bluesky length profile")
struct BlueskyProfileTests {
    let profile = LengthProfile.bluesky
    let guideText = "✨ example mentioning @atproto.com to share the URL 👨‍❤️‍👨 https://en.wikipedia.org/wiki/CBOR."

    @Test("the atproto guide's example: 88 graphemes, 95 UTF-16 units, links count in full")
    func guideExample() {
        let measurement = profile.measure(guideText)
        #expect(measurement.weightedLength == 88)
        #expect(measurement.valid)
        #expect(measurement.displayRangeEnd == 94)
    }

    @Test("the guide's facet byte offsets: mention 23..<35, link 74..<108 (trailing dot excluded)")
    func facetByteOffsets() throws {
        let url = try #require(URLExtractor.extractURLs(from: guideText).first)
        #expect(url.url == "https://en.wikipedia.org/wiki/CBOR")
        #expect(UTF8Offsets.byteRange(of: url.range, in: guideText) == 74..<108)
        let mention = try #require(guideText.range(of: "@atproto.com"))
        let mentionUTF16 = guideText.utf16.distance(from: guideText.utf16.startIndex, to: mention.lowerBound)
        #expect(UTF8Offsets.byteRange(of: mentionUTF16..<(mentionUTF16 + 12), in: guideText) == 23..<35)
    }

    @Test("at most 300 graphemes")
    func graphemeLimit() {
        #expect(profile.measure(String(repeating: "é", count: 300)).valid)
        let over = profile.measure(String(repeating: "é", count: 301))
        #expect(!over.valid && over.excess == 1 && over.validRangeEnd == 299)
    }

    @Test("at most 3000 UTF-8 bytes, even under 300 graphemes")
    func byteLimit() {
        let family = "👨‍👩‍👧‍👦"  // 25 UTF-8 bytes, 11 UTF-16 units, 1 grapheme
        #expect(family.utf8.count == 25)
        #expect(profile.measure(String(repeating: family, count: 120)).valid)
        let over = profile.measure(String(repeating: family, count: 121))
        #expect(!over.valid)
        #expect(over.weightedLength == 121)
        #expect(over.permillage > 1000)
        #expect(over.validRangeEnd == 120 * 11 - 1)
    }
}
