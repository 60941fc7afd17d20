import Testing
@testable import Cartable

/// Mastodon's StatusLengthValidator rules (PLATFORMS.md §2.3).
@Suite("Mastodon length profile")
struct MastodonProfileTests {
    let profile = LengthProfile.mastodon()

    @Test("500 grapheme clusters by default; the instance limit is configurable")
    func limit() {
        #expect(profile.maxLength == 500)
        #expect(profile.measure(String(repeating: "a", count: 500)).valid)
        let over = profile.measure(String(repeating: "a", count: 501))
        #expect(!over.valid && over.excess == 1 && over.validRangeEnd == 499)
        #expect(LengthProfile.mastodon(limit: 1000).measure(String(repeating: "a", count: 501)).valid)
    }

    @Test("grapheme clusters: an emoji ZWJ sequence or a decomposed letter counts 1")
    func graphemes() {
        #expect(profile.measure("👨‍👩‍👧‍👦").weightedLength == 1)
        #expect(profile.measure("e\u{301}").weightedLength == 1)
        #expect(profile.measure("🇫🇷").weightedLength == 1)
    }

    @Test("a URL with a scheme counts 23 whatever its length; without a scheme it counts in full")
    func urls() {
        let long = "https://mouves.org/le-livre-blanc-des-entrepreneurs-sociaux-2012"
        #expect(profile.measure("Lisez " + long).weightedLength == 6 + 23)
        #expect(profile.measure("Lisez http://t.co").weightedLength == 6 + 23)
        #expect(profile.measure("Lisez mouves.org").weightedLength == 16)
    }

    @Test("a remote mention @user@domain counts as @user")
    func remoteMentions() {
        #expect(profile.measure("@alice@mastodon.social bonjour").weightedLength == "@alice bonjour".count)
        #expect(profile.measure("Merci @bob@framapiaf.org !").weightedLength == "Merci @bob !".count)
        // A local mention and an e-mail address count in full.
        #expect(profile.measure("@alice bonjour").weightedLength == 14)
        #expect(profile.measure("écrire à contact@mouves.org").weightedLength == 27)
    }
}

/// The server's decisions (`MastodonServerCase`, each citing its upstream source), at 500 and at `mastodon:N`.
@Suite("Mastodon length profile: the server's decisions")
struct MastodonServerTableTests {
    @Test("counts and accepts as the server does", arguments: MastodonServerCase.all)
    func server(_ serverCase: MastodonServerCase) throws {
        let profile = try #require(LengthProfile(named: serverCase.profileName))
        let measurement = profile.measure(serverCase.text)
        #expect(measurement.weightedLength == serverCase.length)
        #expect(measurement.valid == serverCase.accepted)
    }

    @Test("the table holds, for every rule, a text the server accepts and one it refuses")
    func bothWays() {
        for rule in MastodonServerCase.Rule.allCases {
            let cases = MastodonServerCase.all.filter { $0.rule == rule }
            #expect(cases.contains { $0.accepted }, "\(rule.rawValue): no accepted text")
            #expect(cases.contains { !$0.accepted }, "\(rule.rawValue): no refused text")
        }
    }

    @Test("stripped whitespace is in the ranges: it weighs nothing, so it fits when the rest fits")
    func strippedRanges() {
        let profile = LengthProfile.mastodon()
        let trailing = profile.measure(String(repeating: "a", count: 500) + "\n")
        #expect(trailing.valid && trailing.displayRangeEnd == 500 && trailing.validRangeEnd == 500)
        let leading = profile.measure("\n" + String(repeating: "a", count: 501))
        #expect(!leading.valid && leading.displayRangeEnd == 501 && leading.validRangeEnd == 500)
        let over = profile.measure(String(repeating: "a", count: 501) + " \n")
        #expect(over.excess == 1 && over.displayRangeEnd == 502 && over.validRangeEnd == 499)
        let both = profile.measure("  ab  ")
        #expect(both.weightedLength == 2 && both.displayRangeStart == 0 && both.displayRangeEnd == 5)
        #expect(both.validRangeEnd == 5)
    }

    @Test("a conjunct split in two by Ruby's Unicode 15.0 can cross the limit in its middle")
    func conjunctAtTheLimit() throws {
        let profile = try #require(LengthProfile(named: "mastodon:3"))
        let measurement = profile.measure("कक्ष")  // क | क् | ष: 3 for Ruby 3.4, 2 Characters in Swift
        #expect(measurement.weightedLength == 3 && measurement.valid)
        #expect(profile.measure("ककक्ष").excess == 1)
    }
}
