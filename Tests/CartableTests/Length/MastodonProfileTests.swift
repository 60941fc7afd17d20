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
