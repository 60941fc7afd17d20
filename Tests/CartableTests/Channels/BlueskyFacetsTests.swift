import Testing
@testable import Cartable

@Suite("Bluesky facets")
struct BlueskyFacetsTests {
    /// PLATFORMS.md §3.3, the atproto create-post guide's example.
    let guideText = "✨ example mentioning @atproto.com to share the URL 👨‍❤️‍👨 https://en.wikipedia.org/wiki/CBOR."
    let atprotoDID = "did:plc:ewvi7nxzyoun6zhxrhs64oiz"

    @Test("the guide's example: mention 23..<35, link 74..<108 without the final dot")
    func guideExample() {
        let facets = BlueskyFacets.facets(for: guideText, resolvedDIDs: ["atproto.com": atprotoDID])
        #expect(facets == [
            BlueskyFacet(byteRange: 23..<35, feature: .mention(did: atprotoDID)),
            BlueskyFacet(byteRange: 74..<108, feature: .link(uri: "https://en.wikipedia.org/wiki/CBOR")),
        ])
    }

    @Test("each facet's bytes are the mention or the URL")
    func bytesMatch() {
        let bytes = Array(guideText.utf8)
        for facet in BlueskyFacets.facets(for: guideText, resolvedDIDs: ["atproto.com": atprotoDID]) {
            let slice = String(decoding: bytes[facet.byteRange], as: UTF8.self)
            switch facet.feature {
            case .mention: #expect(slice == "@atproto.com")
            case .link(let uri): #expect(slice == uri)
            }
        }
    }

    @Test("an unresolved handle stays plain text")
    func unresolvedMention() {
        let facets = BlueskyFacets.facets(for: guideText, resolvedDIDs: [:])
        #expect(facets.map(\.byteRange) == [74..<108])
    }

    @Test("mentions need a domain handle after a non-word character", arguments: [
        ("Bonjour @depute.bsky.social !", ["depute.bsky.social"]),
        ("Écrire à josé@exemple.fr", []),
        ("mail: contact@assemblee-nationale.fr", []),
        ("@solo sans point", []),
        ("(@A.Deputee.fr), @b.fr.", ["a.deputee.fr", "b.fr"]),
        ("@-bad.fr @ok.fr @x.1fr", ["ok.fr"]),
    ])
    func mentionRules(text: String, handles: [String]) {
        #expect(BlueskyFacets.mentions(in: text).map(\.handle) == handles)
    }

    @Test("links: trailing punctuation trimmed, balanced parentheses kept, a bare domain gets https://")
    func links() {
        let text = "Voir https://fr.wikipedia.org/wiki/Loi_(France), et (http://exemple.fr/a?b=c). Député·e sur assemblee-nationale.fr."
        let found = BlueskyLinks.find(in: text)
        #expect(found.map(\.uri) == ["https://fr.wikipedia.org/wiki/Loi_(France)", "http://exemple.fr/a?b=c", "https://assemblee-nationale.fr"])
        let bytes = Array(text.utf8)
        for link in found {
            let covered = String(decoding: bytes[link.byteRange], as: UTF8.self)
            #expect(link.uri.hasSuffix(covered), "\(link.byteRange) covers '\(covered)', not \(link.uri)")
        }
    }

    @Test("facet JSON has byteStart, byteEnd and the feature's $type")
    func facetJSON() {
        let json = BlueskyFacet(byteRange: 23..<35, feature: .mention(did: atprotoDID)).json.text
        #expect(json == #"{"index":{"byteStart":23,"byteEnd":35},"features":[{"$type":"app.bsky.richtext.facet#mention","did":"did:plc:ewvi7nxzyoun6zhxrhs64oiz"}]}"#)
    }
}
