import Foundation
import Testing
import Yams
@testable import Cartable

/// twitter-text's `validate.yml`, read at test time: the length sections, each with the configuration the
/// official runners use (LENGTH.md §3).
@Suite("validate.yml conformance")
struct ValidateConformanceTests {
    static func loadSuite() -> [String: Any] {
        let url = Fixtures.url("twitter-text/conformance/validate.yml")
        guard let text = try? String(contentsOf: url, encoding: .utf8),
              let root = try? Yams.load(yaml: text) as? [String: Any],
              let tests = root["tests"] as? [String: Any]
        else { return [:] }
        return tests
    }

    static func cases(_ section: String) -> [[String: Any]] {
        loadSuite()[section] as? [[String: Any]] ?? []
    }

    @Test("tweets: the classic 140 (v1 config)")
    func tweets() {
        let cases = Self.cases("tweets")
        #expect(cases.count == 8)
        var passed = 0
        for testCase in cases {
            let text = testCase["text"] as? String ?? ""
            let expected = testCase["expected"] as? Bool
            let got = LengthProfile.twitterClassic.measure(text).valid
            if got == expected {
                passed += 1
            } else {
                Issue.record("\(testCase["description"] ?? "?"): expected valid=\(String(describing: expected)), got \(got)")
            }
        }
        print("validate.yml tweets: \(passed)/\(cases.count) passed")
    }

    @Test("WeightedTweetsCounterTest (v2 config)")
    func weightedV2() {
        checkParseResults(section: "WeightedTweetsCounterTest", expectedCount: 20, profile: .twitterV2)
    }

    @Test("WeightedTweetsWithDiscountedEmojiCounterTest (v3 config)")
    func weightedV3() {
        checkParseResults(section: "WeightedTweetsWithDiscountedEmojiCounterTest", expectedCount: 22, profile: .twitter)
    }

    @Test("UnicodeDirectionalMarkerCounterTest (default config, v3)")
    func directionalMarkers() {
        checkParseResults(section: "UnicodeDirectionalMarkerCounterTest", expectedCount: 2, profile: .twitter)
    }

    private func checkParseResults(section: String, expectedCount: Int, profile: LengthProfile) {
        let cases = Self.cases(section)
        #expect(cases.count == expectedCount)
        var passed = 0
        for testCase in cases {
            let text = testCase["text"] as? String ?? ""
            let expected = testCase["expected"] as? [String: Any] ?? [:]
            let got = profile.measure(text)
            let actual: [String: Any] = [
                "weightedLength": got.weightedLength, "valid": got.valid, "permillage": got.permillage,
                "displayRangeStart": got.displayRangeStart, "displayRangeEnd": got.displayRangeEnd,
                "validRangeStart": got.validRangeStart, "validRangeEnd": got.validRangeEnd,
            ]
            let mismatches = expected.keys.sorted().filter { key in
                "\(expected[key] ?? "nil")" != "\(actual[key] ?? "nil")"
            }
            if mismatches.isEmpty && expected.count == 7 {
                passed += 1
            } else {
                let details = mismatches.map { "\($0) expected \(expected[$0] ?? "nil") got \(actual[$0] ?? "nil")" }
                Issue.record("\(section) «\(testCase["description"] ?? "?")»: \(details.joined(separator: ", "))")
            }
        }
        print("validate.yml \(section): \(passed)/\(cases.count) passed")
    }
}
