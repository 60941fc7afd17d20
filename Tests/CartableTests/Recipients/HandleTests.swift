import Testing
@testable import Cartable

@Suite("Handles")
struct HandleTests {
    @Test(arguments: [
        ("@JeromeGuedj", "JeromeGuedj"),
        ("JeromeGuedj", "JeromeGuedj"),
        ("under_score_15c", "under_score_15c"),
    ])
    func validTwitterHandles(raw: String, expected: String) {
        #expect(Handle.read(raw, on: .twitter) == .valid(expected))
    }

    @Test(arguments: [
        ("@X@FlorenceGoulet4", "FlorenceGoulet4"),
        ("@x.com/paulchristophle", "paulchristophle"),
        ("@X : x.com/SomeName", "SomeName"),
        ("@TrailingName\n", "TrailingName"),
        ("https://twitter.com/Full_Url?lang=fr", "Full_Url"),
        ("Twitter: @someone", "someone"),
        ("https://x.com/@someone/", "someone"),
    ])
    func unambiguousFormsAreRepaired(raw: String, expected: String) {
        guard case .repaired(let handle, let repair) = Handle.read(raw, on: .twitter) else {
            Issue.record("'\(raw)' was not repaired: \(Handle.read(raw, on: .twitter))")
            return
        }
        #expect(handle == expected)
        #expect(!repair.isEmpty)
    }

    @Test(arguments: [
        ("@Romain Eskenazi", "space"),
        ("@ThisHandleIsWayTooLong", "15"),
        ("@josé", "'é'"),
        ("@X@", "contains '@'"),
        ("https://x.com/", "no handle"),
    ])
    func ambiguousOrInvalidFormsAreRejected(raw: String, reasonMentions: String) {
        guard case .rejected(let reason) = Handle.read(raw, on: .twitter) else {
            Issue.record("'\(raw)' was not rejected: \(Handle.read(raw, on: .twitter))")
            return
        }
        #expect(reason.contains(reasonMentions), "\(reason)")
    }

    @Test func emptyAndBlankMeanNoHandle() {
        #expect(Handle.read("", on: .twitter) == .none)
        #expect(Handle.read("  \n", on: .twitter) == .none)
    }

    @Test func mastodonAccounts() {
        #expect(Handle.read("@jerome@piaille.fr", on: .mastodon) == .valid("jerome@piaille.fr"))
        #expect(Handle.read("jerome@Piaille.FR", on: .mastodon) == .valid("jerome@piaille.fr"))
        #expect(Handle.read("https://mastodon.social/@someone", on: .mastodon).handle == "someone@mastodon.social")
        #expect(Handle.read("@someone", on: .mastodon).handle == nil)
    }

    @Test func blueskyHandles() {
        #expect(Handle.read("@Someone.bsky.social", on: .bluesky) == .valid("someone.bsky.social"))
        #expect(Handle.read("https://bsky.app/profile/someone.bsky.social", on: .bluesky).handle == "someone.bsky.social")
        #expect(Handle.read("someone", on: .bluesky).handle == nil)
        #expect(Handle.read("some one.bsky.social", on: .bluesky).handle == nil)
    }

    @Test func mentionsCarryTheAt() {
        #expect(Handle.mention("JeromeGuedj", on: .twitter) == "@JeromeGuedj")
        #expect(Handle.mention("jerome@piaille.fr", on: .mastodon) == "@jerome@piaille.fr")
    }
}
