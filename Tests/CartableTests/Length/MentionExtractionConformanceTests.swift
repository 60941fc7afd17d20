import Foundation
import Testing
import Yams

@testable import Cartable

/// The mention sections of twitter-text's `extract.yml`, read at test time.
@Suite("extract.yml mentions (twitter-text conformance)")
struct MentionExtractionConformanceTests {
    @Test("mentions: screen names in order")
    func mentions() throws {
        try runSection("mentions") { text, expected in
            let actual = MentionExtractor.extractMentions(from: text).map(\.screenName)
            let wanted = expected as? [String]
            return (actual == wanted, "\(actual)")
        }
    }

    @Test("mentions_with_indices: screen names and UTF-16 ranges")
    func mentionsWithIndices() throws {
        try runSection("mentions_with_indices") { text, expected in
            let actual = MentionExtractor.extractMentions(from: text)
            let wanted = try ExpectedMention.list(expected, withListSlug: false)
            return (actual == wanted, "\(actual)")
        }
    }

    @Test("mentions_or_lists_with_indices: mentions, list slugs and UTF-16 ranges")
    func mentionsOrListsWithIndices() throws {
        try runSection("mentions_or_lists_with_indices") { text, expected in
            let actual = MentionExtractor.extractMentionsOrLists(from: text)
            let wanted = try ExpectedMention.list(expected, withListSlug: true)
            return (actual == wanted, "\(actual)")
        }
    }

    @Test("replies: the screen name a text replies to, or null")
    func replies() throws {
        try runSection("replies") { text, expected in
            let actual = MentionExtractor.extractReplyScreenName(from: text)
            return (actual == expected as? String, actual ?? "nil")
        }
    }

    /// Runs every case of a section, prints `extract.yml <section>: passed/total passed` and
    /// records each failing case by its description.
    private func runSection(
        _ section: String, check: (_ text: String, _ expected: Any?) throws -> (passed: Bool, actual: String)
    ) throws {
        let cases = try ExtractFixture.cases(of: section)
        #expect(!cases.isEmpty, "extract.yml has no \(section) cases")
        var passed = 0
        for testCase in cases {
            let (ok, actual) = try check(testCase.text, testCase.expected)
            if ok {
                passed += 1
            } else {
                Issue.record("\(section): \(testCase.description) — text \(testCase.text.debugDescription), got \(actual)")
            }
        }
        print("extract.yml \(section): \(passed)/\(cases.count) passed")
    }
}

/// Edge cases of upstream's mention regex that `extract.yml` does not pin.
@Suite("MentionExtractor edge cases")
struct MentionExtractorEdgeCaseTests {
    @Test("ranges are UTF-16 offsets, after an astral character too")
    func utf16RangesAfterAstralCharacter() {
        let mentions = MentionExtractor.extractMentions(from: "😀@alice 𝐀@bob")
        #expect(mentions == [
            ExtractedMention(screenName: "alice", range: 2..<8),
            ExtractedMention(screenName: "bob", range: 11..<15),
        ])
    }

    @Test("a run of at signs counts its last one; a full-width at sign works too")
    func atSignRuns() {
        #expect(MentionExtractor.extractMentions(from: "@@alice") == [ExtractedMention(screenName: "alice", range: 1..<7)])
        #expect(MentionExtractor.extractMentions(from: "x ＠bob") == [ExtractedMention(screenName: "bob", range: 2..<6)])
    }

    @Test("a screen name is cut at 20 characters, as upstream's {1,20}")
    func longScreenNameIsCut() {
        let mentions = MentionExtractor.extractMentions(from: "@" + String(repeating: "a", count: 25))
        #expect(mentions.map(\.screenName) == [String(repeating: "a", count: 20)])
        #expect(mentions.map(\.range) == [0..<21])
    }

    @Test("RT may glue to the at sign only when nothing word-like precedes it")
    func retweetPrefix() {
        #expect(MentionExtractor.extractMentions(from: "xRT@bob").isEmpty)
        #expect(MentionExtractor.extractMentions(from: ".RT@bob").isEmpty)
        #expect(MentionExtractor.extractMentions(from: "(RT@bob").map(\.screenName) == ["bob"])
        #expect(MentionExtractor.extractMentions(from: "rT@bob").map(\.screenName) == ["bob"])
    }

    @Test("extractMentions leaves list references out; the list variant keeps them")
    func listsAreNotMentions() {
        let text = "@alice/amis et @bob"
        #expect(MentionExtractor.extractMentions(from: text).map(\.screenName) == ["bob"])
        #expect(MentionExtractor.extractMentionsOrLists(from: text).map(\.listSlug) == ["/amis", ""])
    }

    @Test("a lone directional mark before the at sign is not a reply prefix (upstream quirk)")
    func replyAfterDirectionalMarks() {
        #expect(MentionExtractor.extractReplyScreenName(from: "\u{200E}@alice") == nil)
        let allTwelve = "\u{061C}\u{200E}\u{200F}\u{202A}\u{202B}\u{202C}\u{202D}\u{202E}\u{2066}\u{2067}\u{2068}\u{2069}"
        #expect(MentionExtractor.extractReplyScreenName(from: allTwelve + " @alice") == "alice")
    }

    @Test("empty and at-free texts have no mentions and no reply")
    func emptyInput() {
        #expect(MentionExtractor.extractMentionsOrLists(from: "").isEmpty)
        #expect(MentionExtractor.extractMentionsOrLists(from: "Bonjour à tous").isEmpty)
        #expect(MentionExtractor.extractReplyScreenName(from: "") == nil)
        #expect(MentionExtractor.extractReplyScreenName(from: "@") == nil)
    }
}

/// One case of a section of `extract.yml`.
private struct ExtractFixture {
    var description: String
    var text: String
    var expected: Any?

    static func cases(of section: String) throws -> [ExtractFixture] {
        let yaml = try String(contentsOf: Fixtures.url("twitter-text/conformance/extract.yml"), encoding: .utf8)
        let root = try Yams.load(yaml: yaml) as? [String: Any]
        let tests = root?["tests"] as? [String: Any]
        guard let entries = tests?[section] as? [[String: Any]] else { throw FixtureError.missingSection(section) }
        return try entries.map { entry in
            guard let description = entry["description"] as? String, let text = entry["text"] as? String else {
                throw FixtureError.malformedCase(section)
            }
            return ExtractFixture(description: description, text: text, expected: entry["expected"])
        }
    }
}

/// Converts `extract.yml`'s `{screen_name, list_slug, indices}` maps into mentions.
private enum ExpectedMention {
    static func list(_ expected: Any?, withListSlug: Bool) throws -> [ExtractedMention] {
        guard let entries = expected as? [[String: Any]] else { throw FixtureError.malformedCase("expected list") }
        return try entries.map { entry in
            guard let name = entry["screen_name"] as? String, let indices = entry["indices"] as? [Int],
                indices.count == 2, indices[0] <= indices[1]
            else { throw FixtureError.malformedCase("expected mention") }
            let slug = withListSlug ? (entry["list_slug"] as? String ?? "") : ""
            return ExtractedMention(screenName: name, listSlug: slug, range: indices[0]..<indices[1])
        }
    }
}

private enum FixtureError: Error {
    case missingSection(String)
    case malformedCase(String)
}
