import Foundation
import Testing
import Yams
@testable import Cartable

@Suite("TLD conformance (tlds.yml) and the generated TLD lists (tld_lib.yml)")
struct TLDConformanceTests {
    @Test("tlds.yml: every country and generic TLD is extracted", arguments: [
        ("country", 315), ("generic", 1259),
    ])
    func everyTLDIsExtracted(section: String, count: Int) throws {
        try runConformanceSection(file: "tlds.yml", section: section, expectedCount: count) { testCase in
            let expected = try testCase.expectedURLs()
            let got = URLExtractor.extractURLs(from: testCase.text).map(\.url)
            return (got == expected, expected.debugDescription, got.debugDescription)
        }
    }

    @Test("the generated TopLevelDomains.swift equals tld_lib.yml, in order (run `make tlds` if not)")
    func generatedListsEqualTheYAML() throws {
        let yaml = try String(contentsOf: Fixtures.url("twitter-text/conformance/tld_lib.yml"), encoding: .utf8)
        let lists = try #require(try Yams.load(yaml: yaml) as? [String: [String]])
        #expect(lists["country"] == TopLevelDomains.country)
        #expect(lists["generic"] == TopLevelDomains.generic)
        #expect(lists.keys.sorted() == ["country", "generic"])
    }

    @Test("a TLD is found case-insensitively for ASCII letters only, and only when nothing TLD-like follows")
    func tldLookahead() {
        #expect(urls("foo.COM foo.Jp") == ["foo.COM", "foo.Jp"])
        #expect(urls("foo.comm foo.com-x foo.com+x foo.com@x") == [])
        #expect(urls("foo.com_x foo.comé") == ["foo.com", "foo.com"])
    }

    @Test("when one TLD is a prefix of another, the one listed first wins, as in the regex")
    func prefixTLDs() throws {
        let india = try #require(TopLevelDomains.country.firstIndex(of: "भारतम्"))
        #expect(india < (TopLevelDomains.country.firstIndex(of: "भारत") ?? 0))
        #expect(urls("http://foo.भारतम्") == ["http://foo.भारतम्"])
        #expect(urls("http://foo.भारत") == ["http://foo.भारत"])
        #expect(urls("foo.嘉里大酒店 foo.嘉里") == ["foo.嘉里大酒店", "foo.嘉里"])
        // Mixed ASCII and non-ASCII generic TLDs.
        #expect(urls("foo.vermögensberater foo.VERMöGENSBERATUNG") == ["foo.vermögensberater", "foo.VERMöGENSBERATUNG"])
    }

    private func urls(_ text: String) -> [String] {
        URLExtractor.extractURLs(from: text).map(\.url)
    }
}
