import Foundation
import Testing

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
        for testCase in try ConformanceCase.load(file: "validate.yml", section: "WeightedTweetsWithDiscountedEmojiCounterTest") {
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
}
