import Testing
@testable import Cartable

@Suite("Length profiles")
struct LengthProfileTests {
    @Test("a text of controls and spaces only is twitter-text's empty result, as Java's trim() makes it (a fuzzing finding)")
    func javaTrimEmptiesControls() {
        for profile in [LengthProfile.twitterClassic, .twitter, .twitterV2] {
            for text in ["\u{0}", "\u{1}\u{1F}", " \t\u{0} "] {
                let measurement = profile.measure(text)
                #expect(measurement.weightedLength == 0 && !measurement.valid, "\(profile.name) \(text.debugDescription)")
                #expect(measurement.displayRangeEnd == -1 && measurement.validRangeEnd == -1, "\(profile.name) \(text.debugDescription)")
            }
            #expect(profile.measure("\u{0}a").weightedLength == 2, "a NUL next to a letter counts: only trim() empties")
        }
    }

    @Test("twitter-classic is the default 140, counting code points after NFC and URLs as 23")
    func twitterClassic() {
        let profile = LengthProfile.twitterClassic
        #expect(profile.maxLength == 140)
        #expect(profile.measure(String(repeating: "é", count: 140)).valid)
        #expect(!profile.measure(String(repeating: "é", count: 141)).valid)
        // A decomposed é (e + U+0301) is one code point after NFC.
        #expect(profile.measure(String(repeating: "e\u{301}", count: 140)).weightedLength == 140)
        // A ZWJ family is 7 code points in v1 (LENGTH.md §1).
        #expect(profile.measure("👨‍👩‍👧‍👦").weightedLength == 7)
        #expect(profile.measure("Le livre blanc : https://mouves.org/livre-blanc-2012-entrepreneurs-sociaux").weightedLength == 17 + 23)
    }

    @Test("profiles are found by name, and mastodon:N sets the instance limit")
    func names() {
        for name in LengthProfile.names { #expect(LengthProfile(named: name)?.name == name) }
        #expect(LengthProfile(named: "mastodon:1000")?.maxLength == 1000)
        #expect(LengthProfile(named: "mastodon:0") == nil)
        #expect(LengthProfile(named: "myspace") == nil)
    }

    @Test("empty and whitespace-only texts are invalid, with ranges at -1 (Java reference)")
    func emptyTexts() {
        for profile in [LengthProfile.twitterClassic, .twitter, .mastodon(), .bluesky] {
            for text in ["", "   ", "\n", "\t \r\n"] {
                let measurement = profile.measure(text)
                #expect(!measurement.valid, "\(profile.name) \(text.debugDescription)")
                #expect(measurement.displayRangeEnd == -1 && measurement.validRangeEnd == -1)
            }
        }
    }

    @Test("invalid characters U+FFFE, U+FEFF, U+FFFF make a text invalid and stop the valid range")
    func invalidCharacters() {
        for invalid in ["\u{FFFE}", "\u{FEFF}", "\u{FFFF}"] {
            let measurement = LengthProfile.twitterClassic.measure("abc" + invalid + "def")
            #expect(!measurement.valid)
            #expect(measurement.weightedLength == 7)
            #expect(measurement.validRangeEnd == 2)
        }
    }

    @Test("excess says by how much a text is over the limit")
    func excess() {
        #expect(LengthProfile.twitterClassic.measure(String(repeating: "a", count: 150)).excess == 10)
        #expect(LengthProfile.twitterClassic.measure("court").excess == 0)
    }
}
