import Testing

@testable import Cartable

/// The hashtag sections of twitter-text's `extract.yml`, read at test time, and what a campaign accepts as a hashtag.
@Suite("extract.yml hashtags (twitter-text conformance)")
struct HashtagExtractionConformanceTests {
    @Test("hashtags: the tags in order")
    func hashtags() throws {
        try runConformanceSection(file: "extract.yml", section: "hashtags", expectedCount: 65) { testCase in
            let actual = HashtagExtractor.hashtags(in: testCase.text)
            let wanted = testCase.expected as? [String]
            return (actual == wanted, "\(wanted ?? [])", "\(actual)")
        }
    }

    @Test("hashtags_from_astral: letters beyond the BMP")
    func hashtagsFromAstral() throws {
        try runConformanceSection(file: "extract.yml", section: "hashtags_from_astral", expectedCount: 3) { testCase in
            let actual = HashtagExtractor.hashtags(in: testCase.text)
            let wanted = testCase.expected as? [String]
            return (actual == wanted, "\(wanted ?? [])", "\(actual)")
        }
    }

    @Test("a campaign hashtag is one whole twitter-text hashtag that reads as written",
          arguments: [("ESS", true), ("Loi2026", true), ("ESS_2026", true), ("Économie", true), ("日本語", true),
                      ("می\u{200C}خواهم", true), ("ශ්\u{200D}රීලංකා", true),
                      ("ESS\u{200D}", false), ("\u{200C}ESS", false), ("A\u{20DD}", false), ("١٢٣", false), ("12345", false),
                      ("ESS Sociale", false), ("ESS-2026", false), ("", false), ("ESS#", false)])
    func campaignHashtags(tag: String, accepted: Bool) {
        #expect(HashtagExtractor.isHashtag(tag) == accepted, "\(tag.unicodeScalars.map { String($0.value, radix: 16) })")
    }
}
