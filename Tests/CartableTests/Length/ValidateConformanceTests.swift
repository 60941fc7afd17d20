import Foundation
import Testing
@testable import Cartable

/// twitter-text's `validate.yml`, read at test time: the length sections, each with the configuration the
/// official runners use (LENGTH.md §3).
@Suite("validate.yml conformance")
struct ValidateConformanceTests {
    @Test("tweets: the classic 140 (v1 config)")
    func tweets() throws {
        try runConformanceSection(file: "validate.yml", section: "tweets", expectedCount: 8) { testCase in
            let expected = try #require(testCase.expected as? Bool, "\(testCase.description): expected is not a boolean")
            let got = LengthProfile.twitterClassic.measure(testCase.text).valid
            return (got == expected, "valid=\(expected)", "valid=\(got)")
        }
    }

    @Test("WeightedTweetsCounterTest (v2 config)")
    func weightedV2() throws {
        try checkParseResults(section: "WeightedTweetsCounterTest", expectedCount: 20, profile: .twitterV2)
    }

    @Test("WeightedTweetsWithDiscountedEmojiCounterTest (v3 config)")
    func weightedV3() throws {
        try checkParseResults(section: "WeightedTweetsWithDiscountedEmojiCounterTest", expectedCount: 22, profile: .twitter)
    }

    @Test("UnicodeDirectionalMarkerCounterTest (default config, v3)")
    func directionalMarkers() throws {
        try checkParseResults(section: "UnicodeDirectionalMarkerCounterTest", expectedCount: 2, profile: .twitter)
    }

    /// Compares all seven fields of twitter-text's parse results.
    private func checkParseResults(section: String, expectedCount: Int, profile: LengthProfile) throws {
        try runConformanceSection(file: "validate.yml", section: section, expectedCount: expectedCount) { testCase in
            let expected = try #require(testCase.expected as? [String: Any], "\(testCase.description): expected is not a map")
            let got = profile.measure(testCase.text)
            let actual: [String: String] = [
                "weightedLength": "\(got.weightedLength)", "valid": "\(got.valid)", "permillage": "\(got.permillage)",
                "displayRangeStart": "\(got.displayRangeStart)", "displayRangeEnd": "\(got.displayRangeEnd)",
                "validRangeStart": "\(got.validRangeStart)", "validRangeEnd": "\(got.validRangeEnd)",
            ]
            let wanted = expected.mapValues { "\($0)" }
            let describe = { (fields: [String: String]) in
                fields.keys.sorted().map { "\($0)=\(fields[$0] ?? "")" }.joined(separator: " ")
            }
            return (wanted == actual, describe(wanted), describe(actual))
        }
    }
}
