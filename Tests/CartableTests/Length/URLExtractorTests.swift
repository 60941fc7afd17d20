import Testing
@testable import Cartable

@Suite("URL extractor: cases the conformance suite does not pin")
struct URLExtractorTests {
    private func urls(_ text: String, includingURLsWithoutProtocol: Bool = true) -> [String] {
        URLExtractor.extractURLs(from: text, includingURLsWithoutProtocol: includingURLsWithoutProtocol).map(\.url)
    }

    @Test("a post about a white paper: one URL, the hashtag stays out")
    func frenchPost() {
        let text = "Remplissons le cartable des députés : 15 propositions pour entreprendre autrement "
            + "https://mouves.org/livre-blanc #SenseTwitt"
        let found = URLExtractor.extractURLs(from: text)
        #expect(found.map(\.url) == ["https://mouves.org/livre-blanc"])
        #expect(found.first?.range == 82..<112)
    }

    @Test("French punctuation after a URL is not part of it", arguments: [
        ("voir exemple.fr.", "exemple.fr"),
        ("voir exemple.fr, puis", "exemple.fr"),
        ("voir exemple.fr ; puis", "exemple.fr"),
        ("voir exemple.fr : puis", "exemple.fr"),
        ("(voir exemple.fr)", "exemple.fr"),
        ("« exemple.fr »", "exemple.fr"),
        ("lire https://exemple.fr/rapport.", "https://exemple.fr/rapport"),
        ("lire https://exemple.fr/rapport…", "https://exemple.fr/rapport"),
        ("lire https://exemple.fr/rapport !", "https://exemple.fr/rapport"),
        ("lire https://exemple.fr/rapport?", "https://exemple.fr/rapport"),
        ("(https://fr.wikipedia.org/wiki/Cartable)", "https://fr.wikipedia.org/wiki/Cartable"),
        ("« https://exemple.fr/élus »", "https://exemple.fr/élus"),
    ])
    func frenchPunctuation(text: String, expected: String) {
        #expect(urls(text) == [expected])
    }

    @Test("includingURLsWithoutProtocol: false keeps only http:// and https:// URLs")
    func withoutProtocolFlagOff() {
        let text = "voir exemple.fr et https://www.assemblee-nationale.fr/dyn/deputes puis t.co/abc"
        #expect(urls(text) == ["exemple.fr", "https://www.assemblee-nationale.fr/dyn/deputes", "t.co/abc"])
        #expect(urls(text, includingURLsWithoutProtocol: false) == ["https://www.assemblee-nationale.fr/dyn/deputes"])
        #expect(URLExtractor.urlRanges(in: text, includingURLsWithoutProtocol: false).count == 1)
        #expect(urls("exemple.fr sans protocole", includingURLsWithoutProtocol: false) == [])
    }

    @Test("indices are UTF-16 code units: an astral emoji before a URL counts 2")
    func utf16IndicesAfterAstralEmoji() {
        let found = URLExtractor.extractURLs(from: "🐱 https://exemple.fr 👨‍👩‍👧 exemple.org")
        #expect(found.map(\.url) == ["https://exemple.fr", "exemple.org"])
        #expect(found.map(\.range) == [3..<21, 31..<42])
        #expect(URLExtractor.urlRanges(in: "🐱🐱exemple.fr") == [4..<14])
    }

    @Test("no '.' means no URL")
    func noDot() {
        #expect(urls("https://exemple, http://localhost:8080 et rien d'autre") == [])
        #expect(urls("") == [])
        #expect(urls("a.fr") == ["a.fr"])  // a string short enough to be stored inline
    }

    @Test("preceding characters: letters, digits, @, $, # and invalid characters block a URL")
    func precedingCharacters() {
        #expect(urls("écrire à depute@assemblee-nationale.fr") == [])
        #expect(urls("x$exemple.fr ＃exemple.fr ＠exemple.fr \u{FEFF}exemple.fr") == [])
        #expect(urls("あexemple.fr") == ["exemple.fr"])
        #expect(urls("\u{200F}exemple.fr") == ["exemple.fr"])
        // Without protocol, a URL right after '-', '_', '.' or '/' is dropped; with one it is kept.
        #expect(urls("-exemple.fr _exemple.fr /exemple.fr") == [])
        #expect(urls("-https://exemple.fr") == ["https://exemple.fr"])
    }

    @Test("unicode hosts only after a protocol")
    func unicodeHosts() {
        #expect(urls("http://ああ.com ああ.com") == ["http://ああ.com"])
        #expect(urls("https://élysée.fr élysée.fr") == ["https://élysée.fr", "élysée.fr"])
        // IDNA (nameprep) prohibits private-use characters: such a host is dropped, ☀ is fine.
        #expect(urls("http://a\u{E000}b.com http://a\u{2600}b.com") == ["http://a\u{2600}b.com"])
        // An `xn--` label must be ASCII; a soft hyphen alone maps to an empty, invalid label.
        #expect(urls("http://xn--ab\u{2600}.com http://\u{00AD}.com") == [])
    }

    @Test("ports, queries and balanced parentheses")
    func portsQueriesAndParentheses() {
        #expect(urls("http://exemple.fr:8080/a exemple.fr:x") == ["http://exemple.fr:8080/a", "exemple.fr"])
        #expect(urls("https://exemple.fr/a?b=c&d=e. fin") == ["https://exemple.fr/a?b=c&d=e"])
        #expect(urls("https://exemple.fr/a_(b_(c))/d)") == ["https://exemple.fr/a_(b_(c))/d"])
        #expect(urls("https://exemple.fr/a_(b_(c_(d)))") == ["https://exemple.fr/a_"])
    }

    @Test("t.co: extra path dropped, slugs over 40 characters dropped")
    func shortLinks() {
        #expect(urls("https://t.co/abc/def") == ["https://t.co/abc"])
        #expect(urls("https://T.CO/abc?x=1/") == ["https://T.CO/abc?x=1/"])
        #expect(urls("https://t.co/\(String(repeating: "a", count: 40))") .count == 1)
        #expect(urls("https://t.co/\(String(repeating: "a", count: 41))") == [])
    }

    @Test("a dropped URL swallows its text: nothing inside it is scanned again")
    func droppedURLSwallowsItsRegion() {
        let longSlug = String(repeating: "a", count: 41)
        #expect(urls("https://t.co/\(longSlug)?u=https://exemple.fr suite.fr") == ["suite.fr"])
        let longPath = String(repeating: "a", count: 4100)
        #expect(urls("https://exemple.fr/\(longPath)?u=https://exemple.fr suite.fr") == ["suite.fr"])
        // An invalid host (a label over 63 characters) is dropped the same way.
        let longLabel = String(repeating: "a", count: 64)
        #expect(urls("https://\(longLabel).fr/?u=https://exemple.fr") == [])
    }

    @Test("the 4096 limit counts 8 more characters for a URL without protocol")
    func maximumURLLength() {
        let withProtocol = "https://exemple.fr/"  // 19 characters
        #expect(urls(withProtocol + String(repeating: "a", count: 4096 - 19)).count == 1)
        #expect(urls(withProtocol + String(repeating: "a", count: 4097 - 19)) == [])
        let withoutProtocol = "exemple.fr/"  // 11 characters, counted as 19
        #expect(urls(withoutProtocol + String(repeating: "a", count: 4088 - 11)).count == 1)
        #expect(urls(withoutProtocol + String(repeating: "a", count: 4089 - 11)) == [])
    }

    @Test("long label chains and accent runs: correct results, in linear time")
    func longChainsAndRuns() {
        // A regex rescans these from every position (quadratic); the scanner shares the work. The
        // time bound is loose (a quadratic scan takes tens of seconds here in a debug build).
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            #expect(urls(String(repeating: "a.", count: 2000) + "com") == [String(repeating: "a.", count: 2000) + "com"])
            #expect(urls(String(repeating: "a.", count: 10000) + "zz") == [])
            #expect(urls(String(repeating: "é", count: 20000) + ".zz") == [])
            // A found domain whose label is over 63 characters once Punycoded is dropped.
            #expect(urls(String(repeating: "é", count: 20000) + ".fr") == [])
            #expect(urls("à " + String(repeating: "é", count: 40) + ".fr") == [String(repeating: "é", count: 40) + ".fr"])
        }
        #expect(elapsed < .seconds(5), "took \(elapsed)")
    }

    @Test("bad input never crashes and ranges always lie inside the text, in order")
    func arbitraryInputStaysInBounds() {
        let pieces = ["http://", "https://", "t.co/", ".", "..", "/", "(", ")", "?", "#", "@", ":", "8", "-", "_",
                      "a", "é", "あ", "🐱", "\u{200F}", "\u{FEFF}", "com", "fr", "xn--", "みんな", " ", "\n", "'"]
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        for _ in 0..<2000 {
            var text = ""
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            for _ in 0..<Int(state >> 59) + 1 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text += pieces[Int(state >> 33) % pieces.count]
            }
            let utf16 = Array(text.utf16)
            var previousEnd = 0
            for found in URLExtractor.extractURLs(from: text) {
                #expect(found.range.lowerBound >= previousEnd && found.range.upperBound <= utf16.count)
                #expect(found.url == String(decoding: utf16[found.range], as: UTF16.self))
                previousEnd = found.range.upperBound
            }
        }
    }
}
