import Foundation
import Testing
import Yams
@testable import Cartable

/// One case of a twitter-text conformance file (`description`, `text`, `expected`), read at test time.
struct URLConformanceCase {
    var description: String
    var text: String
    var expected: Any

    /// The cases of `section` in `twitter-text/conformance/<file>`.
    static func load(file: String, section: String) throws -> [URLConformanceCase] {
        let yaml = try String(contentsOf: Fixtures.url("twitter-text/conformance/\(file)"), encoding: .utf8)
        let root = try #require(try Yams.load(yaml: yaml) as? [String: Any], "\(file) is not a mapping")
        let tests = try #require(root["tests"] as? [String: Any], "\(file) has no `tests`")
        let cases = try #require(tests[section] as? [[String: Any]], "\(file) has no section \(section)")
        return try cases.map { entry in
            URLConformanceCase(
                description: try #require(entry["description"] as? String, "a case of \(section) has no description"),
                text: try #require(entry["text"] as? String, "a case of \(section) has no text"),
                expected: entry["expected"] ?? [Any]()
            )
        }
    }

    /// `expected` as a list of URL strings (sections `urls`, `tco_urls_with_params`, `tlds.yml`).
    func expectedURLs() throws -> [String] {
        try #require(expected as? [String], "\(description): expected is not a list of strings")
    }

    /// `expected` as a list of `{url, indices: [start, end]}` (sections `urls_with_indices`, ...).
    func expectedURLsWithIndices() throws -> [ExtractedURL] {
        let entries = try #require(expected as? [[String: Any]], "\(description): expected is not a list of maps")
        return try entries.map { entry in
            let url = try #require(entry["url"] as? String, "\(description): an entry has no url")
            let indices = try #require(entry["indices"] as? [Int], "\(description): an entry has no indices")
            try #require(indices.count == 2 && indices[0] <= indices[1], "\(description): bad indices \(indices)")
            return ExtractedURL(url: url, range: indices[0]..<indices[1])
        }
    }
}

/// Runs `check` on every case, prints `<file> <section>: passed/total passed` and records one issue
/// per failing case with its description, text, expected and actual results.
func runConformanceSection(
    file: String, section: String, expectedCount: Int,
    check: (URLConformanceCase) throws -> (passed: Bool, expected: String, got: String)
) throws {
    let cases = try URLConformanceCase.load(file: file, section: section)
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

@Suite("URL extraction conformance (extract.yml)")
struct URLExtractionConformanceTests {
    @Test("urls: the URL strings of each text, in order")
    func urls() throws {
        try runConformanceSection(file: "extract.yml", section: "urls", expectedCount: 91) { testCase in
            let expected = try testCase.expectedURLs()
            let got = URLExtractor.extractURLs(from: testCase.text).map(\.url)
            return (got == expected, expected.debugDescription, got.debugDescription)
        }
    }

    @Test("urls_with_indices: URL strings and UTF-16 indices")
    func urlsWithIndices() throws {
        try checkWithIndices(section: "urls_with_indices", expectedCount: 10)
    }

    @Test("urls_with_directional_markers: directional marks before and after URLs")
    func urlsWithDirectionalMarkers() throws {
        try checkWithIndices(section: "urls_with_directional_markers", expectedCount: 2)
    }

    @Test("tco_urls_with_params: t.co links keep their query")
    func tcoURLsWithParameters() throws {
        try runConformanceSection(file: "extract.yml", section: "tco_urls_with_params", expectedCount: 5) { testCase in
            let expected = try testCase.expectedURLs()
            let got = URLExtractor.extractURLs(from: testCase.text).map(\.url)
            return (got == expected, expected.debugDescription, got.debugDescription)
        }
    }

    @Test("urlRanges gives the ranges extractURLs gives, on every text of the URL sections")
    func rangesAgreeWithExtraction() throws {
        for section in ["urls", "urls_with_indices", "urls_with_directional_markers", "tco_urls_with_params"] {
            for testCase in try URLConformanceCase.load(file: "extract.yml", section: section) {
                let extracted = URLExtractor.extractURLs(from: testCase.text).map(\.range)
                #expect(URLExtractor.urlRanges(in: testCase.text) == extracted, "\(testCase.description)")
            }
        }
    }

    private func checkWithIndices(section: String, expectedCount: Int) throws {
        try runConformanceSection(file: "extract.yml", section: section, expectedCount: expectedCount) { testCase in
            let expected = try testCase.expectedURLsWithIndices()
            let got = URLExtractor.extractURLs(from: testCase.text)
            let describe = { (urls: [ExtractedURL]) in
                urls.map { "\($0.url.debugDescription) [\($0.range.lowerBound), \($0.range.upperBound)]" }
                    .joined(separator: ", ")
            }
            return (got == expected, describe(expected), describe(got))
        }
    }
}
