import Foundation
import Testing
import Yams

/// One case of a twitter-text conformance file (`description`, `text`, `expected`), read at test time.
struct ConformanceCase {
    var description: String
    var text: String
    var expected: Any

    /// The cases of `section` in `twitter-text/conformance/<file>`.
    static func load(file: String, section: String) throws -> [ConformanceCase] {
        let yaml = try String(contentsOf: Fixtures.url("twitter-text/conformance/\(file)"), encoding: .utf8)
        let root = try #require(try Yams.load(yaml: yaml) as? [String: Any], "\(file) is not a mapping")
        let tests = try #require(root["tests"] as? [String: Any], "\(file) has no `tests`")
        let cases = try #require(tests[section] as? [[String: Any]], "\(file) has no section \(section)")
        return try cases.map { entry in
            ConformanceCase(
                description: try #require(entry["description"] as? String, "a case of \(section) has no description"),
                text: try #require(entry["text"] as? String, "a case of \(section) has no text"),
                expected: entry["expected"] ?? [Any]()
            )
        }
    }
}

/// Runs `check` on every case, prints `<file> <section>: passed/total passed` and records one issue
/// per failing case with its description, text, expected and actual results.
func runConformanceSection(
    file: String, section: String, expectedCount: Int,
    check: (ConformanceCase) throws -> (passed: Bool, expected: String, got: String)
) throws {
    let cases = try ConformanceCase.load(file: file, section: section)
    #expect(cases.count == expectedCount, "\(file) \(section): \(cases.count) cases, \(expectedCount) expected")
    var passed = 0
    for testCase in cases {
        let outcome = try check(testCase)
        if outcome.passed {
            passed += 1
        } else {
            Issue.record("""
                \(file) \(section) failed: \(testCase.description)
                  text:     \(testCase.text.debugDescription)
                  expected: \(outcome.expected)
                  got:      \(outcome.got)
                """)
        }
    }
    print("\(file) \(section): \(passed)/\(cases.count) passed")
}
