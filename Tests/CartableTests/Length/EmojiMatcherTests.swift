import Foundation
import Testing
import Yams

@testable import Cartable

@Suite("EmojiMatcher: twitter-text v3 emoji sequences")
struct EmojiMatcherTests {
    private func ranges(_ text: String) -> [Range<Int>] { EmojiMatcher.emojiRanges(in: text) }

    @Test("text without emoji has no match, including French typography and ASCII digits")
    func noEmoji() {
        #expect(ranges("").isEmpty)
        #expect(ranges("Madame la députée, #climat 2024 * 3").isEmpty)
        #expect(ranges("L’Assemblée « vote » — 12 € … ‰").isEmpty)
        #expect(ranges("𝐀𝐁 中文").isEmpty)
    }

    @Test("single emoji, with UTF-16 offsets after astral characters")
    func singleEmoji() {
        #expect(ranges("😷x👾") == [0..<2, 3..<5])
        #expect(ranges("𝐀☺") == [2..<3])
        #expect(ranges("H🐱☺") == [1..<3, 3..<4])
    }

    @Test("keycaps: base, optional VS16, U+20E3; the bare base is never an emoji")
    func keycaps() {
        #expect(ranges("1\u{20E3}") == [0..<2])
        #expect(ranges("#\u{FE0F}\u{20E3}") == [0..<3])
        #expect(ranges("a*\u{FE0F}\u{20E3}b") == [1..<4])
        #expect(ranges("0123456789#*").isEmpty)
        #expect(ranges("1\u{FE0E}\u{20E3}").isEmpty)
    }

    @Test("flags: an RGI pair of regional indicators is one unit, other indicators stand alone")
    func flags() {
        #expect(ranges("🇫🇷🇪🇺") == [0..<4, 4..<8])
        #expect(ranges("🇦🇦") == [0..<2, 2..<4])
        // AA is no flag, so the second A pairs with F (Afghanistan) and R is left alone.
        #expect(ranges("🇦🇦🇫🇷") == [0..<2, 2..<6, 6..<8])
    }

    @Test("tag sequences: black flag, tags, cancel tag")
    func tagSequences() {
        let england = "🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}"
        #expect(ranges(england) == [0..<14])
        #expect(ranges("x" + england + "x") == [1..<15])
        // Without its cancel tag the black flag is a plain emoji and the tags are not emoji.
        #expect(ranges("🏴\u{E0067}\u{E0062}") == [0..<2])
    }

    @Test("skin-tone modifiers join a modifier base only")
    func modifierSequences() {
        #expect(ranges("👍🏽") == [0..<4])
        #expect(ranges("🙋🏽👨\u{200D}🎤") == [0..<4, 4..<9])
        #expect(ranges("😀🏽") == [0..<2, 2..<4])
        #expect(ranges("☝\u{FE0F}🏽") == [0..<4])
    }

    @Test("ZWJ sequences are one unit; a dangling ZWJ is left out")
    func zwjSequences() {
        let family = "👨\u{200D}👩\u{200D}👧\u{200D}👦"
        #expect(ranges(family) == [0..<11])
        #expect(ranges("a" + family + "b") == [1..<12])
        #expect(ranges("🏳\u{FE0F}\u{200D}🌈") == [0..<6])
        #expect(ranges("👩🏽\u{200D}🚀") == [0..<7])
        #expect(ranges("👨\u{200D}") == [0..<2])
        #expect(ranges("👨\u{200D}a") == [0..<2])
        #expect(ranges("👨\u{200D}1\u{20E3}") == [0..<2, 3..<5])
    }

    @Test("VS16 belongs to emoji that have a text variant; otherwise it is a stray match")
    func variationSelectors() {
        #expect(ranges("❤\u{FE0F}") == [0..<2])
        #expect(ranges("⚽\u{FE0F}") == [0..<2])
        #expect(ranges("😀\u{FE0F}") == [0..<2, 2..<3])
        #expect(ranges("♾\u{FE0F}") == [0..<1, 1..<2])
        #expect(ranges("a\u{FE0F}") == [1..<2])
        #expect(ranges("\u{FE0F}\u{FE0F}") == [0..<1, 1..<2])
    }

    @Test("VS15 turns an emoji with a text variant into text")
    func textPresentation() {
        #expect(ranges("☺\u{FE0E}").isEmpty)
        #expect(ranges("⚽\u{FE0E}").isEmpty)
        #expect(ranges("😀\u{FE0E}") == [0..<2])
    }

    @Test("©, ®, ™ and ♟ are text unless VS16 follows; other text-default emoji match alone")
    func textDefaultEmoji() {
        #expect(ranges("© ® ™ ♟").isEmpty)
        #expect(ranges("©\u{FE0F}") == [0..<2])
        #expect(ranges("x™\u{FE0F}") == [1..<3])
        #expect(ranges("☺ ↔ ❤") == [0..<1, 2..<3, 4..<5])
    }

    @Test("matches are ordered, disjoint, inside the text and on scalar boundaries (validate.yml v3 texts)")
    func rangesAreWellFormed() throws {
        for testCase in try ValidateFixture.cases(of: ValidateFixture.emojiSection) {
            let text = testCase.text.precomposedStringWithCanonicalMapping
            let boundaries = Set(text.unicodeScalars.indices.map { $0.utf16Offset(in: text) } + [text.utf16.count])
            var previousEnd = 0
            for range in EmojiMatcher.emojiRanges(in: text) {
                #expect(range.lowerBound >= previousEnd && !range.isEmpty, "\(testCase.description): \(range)")
                #expect(boundaries.contains(range.lowerBound) && boundaries.contains(range.upperBound),
                        "\(testCase.description): \(range) splits a scalar")
                previousEnd = range.upperBound
            }
            #expect(previousEnd <= text.utf16.count, "\(testCase.description)")
        }
    }

    /// Without the lead's counter, weigh the URL-free cases of the v3 and directional sections with
    /// the v3 weights: each match 2, every other code point its range weight. This pins the matcher
    /// against the expected `weightedLength`. A text with `://` or a `.` before a letter may hold a
    /// URL (every TLD starts with a letter), so it is left to the counter's conformance test.
    @Test("URL-free v3 cases weigh as expected with these emoji ranges", arguments: [
        ValidateFixture.emojiSection, ValidateFixture.directionalSection,
    ])
    func urlFreeWeightedLengths(section: String) throws {
        let cases = try ValidateFixture.cases(of: section).filter { !$0.mayHoldURL }
        #expect(!cases.isEmpty)
        var passed = 0
        for testCase in cases {
            let weighted = v3WeightedLength(testCase.text)
            if weighted == testCase.expectedWeightedLength {
                passed += 1
            } else {
                Issue.record("\(section): \(testCase.description) weighs \(weighted), expected \(testCase.expectedWeightedLength)")
            }
        }
        print("validate.yml \(section) (URL-free cases, emoji weights only): \(passed)/\(cases.count) passed")
    }

    private func v3WeightedLength(_ original: String) -> Int {
        let configuration = TwitterTextConfiguration.v3
        let text = original.precomposedStringWithCanonicalMapping
        let units = Array(text.utf16)
        var emojiEnds: [Int: Int] = [:]
        for range in EmojiMatcher.emojiRanges(in: text) { emojiEnds[range.lowerBound] = range.upperBound }
        var weighted = 0
        var offset = 0
        while offset < units.count {
            if let end = emojiEnds[offset] {
                weighted += configuration.defaultWeight
                offset = end
                continue
            }
            var codePoint = UInt32(units[offset])
            var length = 1
            if UTF16.isLeadSurrogate(units[offset]), offset + 1 < units.count, UTF16.isTrailSurrogate(units[offset + 1]) {
                codePoint = 0x10000 + ((codePoint - 0xD800) << 10) + (UInt32(units[offset + 1]) - 0xDC00)
                length = 2
            }
            weighted += configuration.ranges.first { $0.start <= codePoint && codePoint <= $0.end }?.weight
                ?? configuration.defaultWeight
            offset += length
        }
        return weighted / configuration.scale
    }
}

/// One weighted-length case of `validate.yml`.
private struct ValidateFixture {
    static let emojiSection = "WeightedTweetsWithDiscountedEmojiCounterTest"
    static let directionalSection = "UnicodeDirectionalMarkerCounterTest"

    var description: String
    var text: String
    var expectedWeightedLength: Int

    /// Whether the text might contain a URL, which only the full counter can weigh.
    var mayHoldURL: Bool {
        if text.contains("://") { return true }
        let characters = Array(text)
        return zip(characters, characters.dropFirst()).contains { $0 == "." && $1.isLetter }
    }

    static func cases(of section: String) throws -> [ValidateFixture] {
        let yaml = try String(contentsOf: Fixtures.url("twitter-text/conformance/validate.yml"), encoding: .utf8)
        let root = try Yams.load(yaml: yaml) as? [String: Any]
        let tests = root?["tests"] as? [String: Any]
        guard let entries = tests?[section] as? [[String: Any]] else { throw ValidateFixtureError.missing(section) }
        return try entries.map { entry in
            guard let description = entry["description"] as? String, let text = entry["text"] as? String,
                let expected = entry["expected"] as? [String: Any], let weighted = expected["weightedLength"] as? Int
            else { throw ValidateFixtureError.malformed(section) }
            return ValidateFixture(description: description, text: text, expectedWeightedLength: weighted)
        }
    }
}

private enum ValidateFixtureError: Error {
    case missing(String)
    case malformed(String)
}
