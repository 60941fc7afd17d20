import Foundation
import Testing
@testable import Cartable

@Suite("Intent links")
struct IntentLinkTests {
    @Test func onlyUnreservedCharactersStayAsTheyAre() {
        #expect(PercentEncoding.encode("AZaz09-._~") == "AZaz09-._~")
        #expect(PercentEncoding.encode("#ESS & co + 1 = 2") == "%23ESS%20%26%20co%20%2B%201%20%3D%202")
        #expect(PercentEncoding.encode("é🎒") == "%C3%A9%F0%9F%8E%92", "UTF-8 bytes, upper-case hex")
        #expect(PercentEncoding.encode("a/b?c=d'\"\n%") == "a%2Fb%3Fc%3Dd%27%22%0A%25")
    }

    @Test func eachChannelHasItsPostBox() throws {
        #expect(IntentLink.url(posting: "Bonjour #ESS", on: .twitter) == "https://x.com/intent/post?text=Bonjour%20%23ESS")
        #expect(IntentLink.url(posting: "Bonjour", on: .bluesky) == "https://bsky.app/intent/compose?text=Bonjour")
        let instance = try #require(MastodonInstance("piaille.fr"))
        #expect(IntentLink.url(posting: "a b", on: .mastodon, mastodonInstance: instance) == "https://piaille.fr/share?text=a%20b")
        #expect(IntentLink.url(posting: "a", on: .mastodon) == nil, "the poster's instance is not known")
        #expect(IntentLink.url(posting: "a", on: .webhook) == nil)
    }

    @Test func mastodonInstancesAreReadAsPeopleWriteThem() {
        #expect(MastodonInstance("https://piaille.fr/")?.baseURL == "https://piaille.fr")
        #expect(MastodonInstance("Mastodon.Social/@someone")?.baseURL == "https://mastodon.social")
        #expect(MastodonInstance("http://localhost.test:8080")?.baseURL == "http://localhost.test:8080")
        for bad in ["", "javascript:alert(1)", "ftp://a.b", "no spaces.fr", "localhost", "https://"] {
            #expect(MastodonInstance(bad) == nil, "\(bad)")
        }
    }

    static let awkwardTexts = [
        ".@JeromeGuedj Lisez le #LivreBlanc & partagez : http://mouves.org/?a=1&b=2#top",
        "100% + 1 = 101 % ; 'guillemets' « français » — tiret",
        "Emoji 🎒👍🏽🇫🇷 et accents é è ê ç Œ",
        "ligne 1\nligne 2\r\nfin\ttab",
        "%41 n'est pas A, %zz non plus, ni %",
        "",
    ]

    @Test func decodingTheLinkGivesTheExactText() throws {
        var texts = Self.awkwardTexts
        for name in ["sensetwitt-2012.yml", "ess-2026.yml"] {
            let (campaign, targets) = try ComposeFixtures.shipped(name)
            texts += Composer(campaign: campaign).messages(for: targets).map(\.text)
        }
        let instance = try #require(MastodonInstance("https://piaille.fr"))
        for text in texts {
            for channel in [Channel.twitter, .mastodon, .bluesky] {
                let link = try #require(IntentLink.url(posting: text, on: channel, mastodonInstance: instance))
                #expect(IntentLink.text(in: link) == text, "\(channel): \(text.debugDescription)")
                let query = try #require(link.split(separator: "?", maxSplits: 1).last)
                #expect(!query.contains("#") && !query.contains("&") && !query.contains("+") && !query.contains(" "))
                #expect(query.unicodeScalars.allSatisfy { $0.isASCII })
                // A URL parser reads the same text back (Foundation decodes the query item).
                let item = URLComponents(string: link)?.queryItems?.first { $0.name == "text" }
                #expect(item?.value == text, "\(text.debugDescription)")
            }
        }
        #expect(texts.count > 700)
    }

    @Test func malformedEncodingsAreRefused() {
        #expect(PercentEncoding.decode("%4") == nil)
        #expect(PercentEncoding.decode("%zz") == nil)
        #expect(PercentEncoding.decode("%C3") == nil, "not UTF-8")
        #expect(PercentEncoding.decode("%c3%a9") == "é", "lower-case hex is read too")
    }
}

@Suite("Idempotency keys")
struct IdempotencyKeyTests {
    @Test func readableKeysWithSlashesAndPercentsEscapedInsideParts() throws {
        let key = IdempotencyKey(campaign: "sensetwitt-2012", recipient: "jerome-guedj", channel: .x)
        #expect(key.rawValue == "sensetwitt-2012/organiser/jerome-guedj/x")
        let odd = IdempotencyKey(campaign: "c/1", supporter: "50%", recipient: "%2F", channel: .mastodon)
        #expect(odd.rawValue == "c%2F1/50%25/%252F/mastodon")
        #expect([odd.campaign, odd.supporter, odd.recipient, odd.channel] == ["c/1", "50%", "%2F", "mastodon"])
        #expect(odd.via(.dryRun) == IdempotencyKey(campaign: "c/1", supporter: "50%", recipient: "%2F", channelName: "dry-run"))
    }

    @Test func differentPartsNeverGiveTheSameKey() {
        let pieces = ["a", "b", "a/b", "a%2Fb", "%", "/", "", "a%", "%2F", "b/"]
        var seen: [String: [String]] = [:]
        for campaign in pieces {
            for supporter in pieces {
                for recipient in pieces {
                    let parts = [campaign, supporter, recipient]
                    let key = IdempotencyKey(campaign: campaign, supporter: supporter, recipient: recipient, channel: .x)
                    #expect(seen[key.rawValue] == nil, "\(parts) and \(seen[key.rawValue] ?? [])")
                    seen[key.rawValue] = parts
                }
            }
        }
    }
}
