import Cartable
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The supporter's way as pages, over real HTTP on loopback: the campaign, the finder, the deputy's page with its
/// message and gauge, another wording, the edit measured again, and a 404 page for what does not exist.
@Suite("cartable serve: pages")
struct PageRouteTests {
    @Test func theCampaignPageShowsTitleOrganiserIntroSatchelAndFinderInTheCampaignsLanguage() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let list = try await client.execute(uri: "/", method: .get)
            #expect(list.status == .ok)
            #expect(Browser.text(list).contains(#"<a href="/c/serve-test/">Écrire à son député &amp; &lt;b&gt;vite&lt;/b&gt;</a>"#))

            let page = try await client.execute(uri: "/c/serve-test/", method: .get)
            #expect(page.status == .ok)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            let html = Browser.text(page)
            #expect(html.contains(#"<html lang="fr">"#))
            #expect(html.contains("<h1>Écrire à son député &amp; &lt;b&gt;vite&lt;/b&gt;</h1>"))
            #expect(html.contains("Une campagne de Cartable &quot;tests&quot;"))
            #expect(html.contains("Demandez à votre député de lire nos propositions &lt;script&gt;x&lt;/script&gt;."))
            #expect(html.contains("0 message à 0 des 7 députés jusqu’ici"), "7 targets: every deputy but the NI one")
            #expect(html.contains(#"<form method="get" action="/c/serve-test/find""#))
            #expect(html.contains(#"<label for="q">Nom</label>"#))
            #expect(Browser.supporterCookie(page) != nil, "the first visit gets a supporter id")

            let withoutSlash = try await client.execute(uri: "/c/serve-test", method: .get)
            #expect(withoutSlash.status == .ok)
            #expect(Browser.text(withoutSlash).contains("<h1>Écrire à son député &amp; &lt;b&gt;vite&lt;/b&gt;</h1>"))
        }
    }

    @Test func acceptLanguageAndTheVisibleSwitchOverrideTheCampaignsLanguage() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let english = try await client.execute(uri: "/c/serve-test/", method: .get, headers: [.acceptLanguage: "en-GB,en;q=0.9,fr;q=0.5"])
            #expect(Browser.text(english).contains(#"<html lang="en">"#))
            #expect(Browser.text(english).contains("0 messages to 0 of 7 deputies so far"))
            #expect(Browser.text(english).contains(#"href="/c/serve-test/?lang=fr""#), "the switch leads to the French page")

            let switched = try await client.execute(uri: "/c/serve-test/?lang=en", method: .get, headers: [.acceptLanguage: "fr"])
            #expect(Browser.text(switched).contains(#"<html lang="en">"#))
            let cookie = try #require(switched.headers[values: .setCookie].first { $0.hasPrefix("cartable_lang=en") })
            let remembered = try await client.execute(uri: "/c/serve-test/", method: .get,
                                                      headers: [.acceptLanguage: "fr", .cookie: String(cookie.prefix { $0 != ";" })])
            #expect(Browser.text(remembered).contains(#"<html lang="en">"#), "the switch is remembered over Accept-Language")
        }
    }

    @Test func whatDoesNotExistIsA404PageInTheVisitorsLanguage() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let campaign = try await client.execute(uri: "/c/nope/", method: .get)
            #expect(campaign.status == .notFound)
            #expect(Browser.text(campaign).contains("There is no campaign “nope” here."), "no campaign, no campaign language: English")
            let french = try await client.execute(uri: "/c/nope/", method: .get, headers: [.acceptLanguage: "fr-FR"])
            #expect(Browser.text(french).contains("Il n’y a pas de campagne « nope » ici."))
            #expect(campaign.headers[.contentType] == "text/html; charset=utf-8")

            let deputy = try await client.execute(uri: "/c/serve-test/d/W99", method: .get)
            #expect(deputy.status == .notFound)
            #expect(Browser.text(deputy).contains("Pas de député « W99 » dans cette campagne."))

            let outside = try await client.execute(uri: "/c/serve-test/d/W6", method: .get)
            #expect(outside.status == .notFound, "a deputy the campaign leaves out has no page")

            let page = try await client.execute(uri: "/nothing/here", method: .get, headers: [.acceptLanguage: "en"])
            #expect(page.status == .notFound)
            #expect(Browser.text(page).contains("There is no such page."))
        }
    }

    @Test func theFinderSaysWhatItUnderstoodInTheVisitorsLanguage() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            // The campaign speaks French: the seats and the advice on a split postcode are French too.
            let french = Browser.text(try await client.execute(uri: "/c/serve-test/find?postcode=93200", method: .get))
            #expect(french.contains("code postal 93200 → Seine-Saint-Denis, 1re et 2e circonscriptions"))
            #expect(french.contains("le code postal 93200 couvre 2 circonscriptions"))
            #expect(!french.contains("constituenc") && !french.contains("postcode 93200"), "no English left on the French page")
            let department = Browser.text(try await client.execute(uri: "/c/serve-test/find?department=93", method: .get))
            #expect(department.contains("Compris : département 93 (Seine-Saint-Denis)."))

            let english = Browser.text(try await client.execute(uri: "/c/serve-test/find?postcode=93200", method: .get,
                                                                headers: [.acceptLanguage: "en"]))
            #expect(english.contains("postcode 93200 → Seine-Saint-Denis 1st and 2nd constituencies"))
            #expect(english.contains("postcode 93200 spans 2 constituencies"))

            let api = try Browser.json(try await client.execute(uri: "/api/c/serve-test/deputies?postcode=93200", method: .get))
            let understood = api["understood"] as? [String] ?? []
            #expect(understood == ["code postal 93200 → Seine-Saint-Denis, 1re et 2e circonscriptions"])
        }
    }

    @Test func theFinderFindsByNameDepartmentAndPostcodeAndRefusesABadPostcode() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let name = Browser.text(try await client.execute(uri: "/c/serve-test/find?q=guedj", method: .get))
            #expect(name.contains(#"<a href="/c/serve-test/d/W1">Jérôme Guedj</a>"#))
            #expect(!name.contains("Marie Martin"))

            let department = Browser.text(try await client.execute(uri: "/c/serve-test/find?department=Seine-Saint-Denis", method: .get))
            for deputy in ["W2", "W3", "W4"] { #expect(department.contains("/c/serve-test/d/\(deputy)\"")) }
            #expect(!department.contains("/d/W1\""))

            // Every deputy the postcode answers is listed (Saint-Denis' 93200 spans two constituencies); none is guessed.
            let postcode = Browser.text(try await client.execute(uri: "/c/serve-test/find?postcode=93200", method: .get))
            for deputy in ["W2", "W3"] { #expect(postcode.contains("/c/serve-test/d/\(deputy)\"")) }
            #expect(!postcode.contains("/c/serve-test/d/W4\""), "the 3rd constituency is not Saint-Denis'")
            #expect(postcode.contains("class=\"note\"") && postcode.contains("93200"), "the page says the postcode spans several seats")

            let bad = try await client.execute(uri: "/c/serve-test/find?postcode=9350x", method: .get)
            #expect(bad.status == .badRequest)
            #expect(Browser.text(bad).contains("« 9350x » n’est pas un code postal français"))

            let badDepartment = try await client.execute(uri: "/c/serve-test/find?department=Atlantide", method: .get)
            #expect(badDepartment.status == .badRequest)

            let outside = Browser.text(try await client.execute(uri: "/c/serve-test/find?q=inscrit", method: .get))
            #expect(outside.contains("Aucun député ne correspond à “inscrit”."))
            #expect(outside.contains("Noé Inscrit : dans la liste, mais pas parmi les députés de cette campagne."))

            let suggest = Browser.text(try await client.execute(uri: "/c/serve-test/find?suggest=1", method: .get))
            #expect(suggest.contains("Les députés qui ont reçu le moins de messages"))
            #expect(suggest.contains("0 message jusqu’ici"))
            #expect(!suggest.contains("/d/W4\""), "a deputy without an X handle is not suggested")
        }
    }

    @Test func theDeputyPageShowsTheComposedMessageItsGaugeAndALinkThatPostsExactlyIt() async throws {
        let fixture = try ServerFixture()
        let audience = try fixture.audience()
        try await fixture.test { client in
            let first = try await client.execute(uri: "/c/serve-test/d/W1", method: .get)
            #expect(first.status == .ok)
            let cookie = try #require(Browser.supporterCookie(first))
            let supporter = try #require(SupporterID(String(cookie.dropFirst("cartable_supporter=".count))))
            let html = Browser.text(first)
            #expect(html.contains("<h1>Jérôme Guedj</h1>"))
            #expect(html.contains("Essonne (91), 6e circonscription"))
            #expect(html.contains(#"<span class="handle">@JeromeGuedj</span>"#))

            // The same draft `cartable write` composes for this supporter.
            let recipient = try #require(audience.targets.first { $0.id == "W1" })
            let draft = MessageDraft(campaign: audience.campaign, recipient: recipient, targets: audience.targets, supporter: supporter)
            let text = draft.message.text
            #expect(html.contains(">\(HTMLText.escaped(text))</p>"))
            #expect(html.contains(">\(draft.message.measurement.weightedLength)/280</span>"))
            let link = try #require(Self.intentLink(in: html))
            #expect(IntentLink.text(in: link) == text, "the X link carries exactly the text shown")

            let other = Browser.text(try await client.execute(uri: "/c/serve-test/d/W1?turn=1", method: .get, headers: [.cookie: cookie]))
            var next = draft
            next.nextVariant()
            #expect(next.message.text != text)
            #expect(other.contains(">\(HTMLText.escaped(next.message.text))</p>"), "another wording is the draft's next variant")
            #expect(IntentLink.text(in: try #require(Self.intentLink(in: other))) == next.message.text)
            #expect(other.contains("formulation 2 sur 2"))
        }
    }

    @Test func theDeputyPageKeptForTheNextSupporterIsStillEachSupportersOwnWording() async throws {
        // The page is kept per deputy, turn and wording (DeputyPageKey): twenty supporters, each shown their own
        // draft's text and link, and its next wording at turn 1; both wordings are seen among them.
        let fixture = try ServerFixture()
        let audience = try fixture.audience()
        let recipient = try #require(audience.targets.first { $0.id == "W1" })
        try await fixture.test { client in
            var seen: Set<String> = []
            for _ in 0..<20 {
                let first = try await client.execute(uri: "/c/serve-test/d/W1", method: .get)
                let cookie = try #require(Browser.supporterCookie(first))
                let supporter = try #require(SupporterID(String(cookie.dropFirst("cartable_supporter=".count))))
                var draft = MessageDraft(campaign: audience.campaign, recipient: recipient, targets: audience.targets, supporter: supporter)
                let html = Browser.text(first)
                #expect(html.contains(">\(HTMLText.escaped(draft.message.text))</p>"))
                #expect(IntentLink.text(in: try #require(Self.intentLink(in: html))) == draft.message.text)
                seen.insert(draft.message.text)
                let again = Browser.text(try await client.execute(uri: "/c/serve-test/d/W1?turn=1", method: .get, headers: [.cookie: cookie]))
                draft.nextVariant()
                #expect(again.contains(">\(HTMLText.escaped(draft.message.text))</p>"))
                #expect(IntentLink.text(in: try #require(Self.intentLink(in: again))) == draft.message.text)
            }
            #expect(seen.count == 2, "twenty supporters drew both wordings first")
        }
    }

    @Test func anEditIsMeasuredAgainOnTheServerAndOverTheLimitCannotBePosted() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let first = try await client.execute(uri: "/c/serve-test/d/W1", method: .get)
            let cookie = try #require(Browser.supporterCookie(first))
            let long = "@JeromeGuedj " + String(repeating: "a", count: 300)
            let over = try await client.execute(uri: "/c/serve-test/d/W1/edit", method: .post, headers: Browser.formHeaders(cookie: cookie),
                                                body: Browser.form([("turn", "0"), ("text", long)]))
            #expect(over.status == .ok)
            let overHTML = Browser.text(over)
            let measured = LengthProfile.twitter.measure(long)
            #expect(overHTML.contains(">\(measured.weightedLength)/280</span>"))
            #expect(overHTML.contains("Trop long de \(measured.excess) : raccourcissez-le avant de le publier."))
            #expect(Self.intentLink(in: overHTML) == nil, "over the limit: no link to post it")
            #expect(!overHTML.contains("send-form"), "and no sending through the campaign")

            let fixed = "@JeromeGuedj lisez nos propositions, s'il vous plaît"
            let fits = Browser.text(try await client.execute(uri: "/c/serve-test/d/W1/edit", method: .post, headers: Browser.formHeaders(cookie: cookie),
                                                             body: Browser.form([("turn", "0"), ("text", fixed)])))
            #expect(IntentLink.text(in: try #require(Self.intentLink(in: fits))) == fixed)
            #expect(fits.contains("(votre texte)"))
            #expect(!fits.contains("send-form"), "an edit never goes through the campaign's account")
            #expect(fits.contains("Un texte modifié ne se publie que depuis votre propre compte."))

            let noMention = Browser.text(try await client.execute(uri: "/c/serve-test/d/W1/edit", method: .post, headers: Browser.formHeaders(cookie: cookie),
                                                                  body: Browser.form([("turn", "0"), ("text", "Lisez nos propositions")])))
            #expect(noMention.contains("Votre texte ne mentionne plus @JeromeGuedj"))
        }
    }

    @Test func aDeputyWithoutAHandleSaysSoAndProposesOthers() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let html = Browser.text(try await client.execute(uri: "/c/serve-test/d/W4", method: .get))
            #expect(html.contains("pas de compte X (Twitter)"))
            #expect(html.contains("Sur Mastodon : @anne@piaille.fr."))
            #expect(html.contains("/c/serve-test/d/W2\""), "a reachable deputy of the same department")
            #expect(Self.intentLink(in: html) == nil)
        }
    }

    @Test func hostileNamesShowAsTextEverywhere() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            for uri in ["/c/serve-test/find?department=75", "/c/serve-test/d/H1", "/c/serve-test/d/H2", "/c/serve-test/satchel",
                        "/c/serve-test/find?q=%3Cscript%3E"] {
                let html = Browser.text(try await client.execute(uri: uri, method: .get))
                #expect(!html.contains("<script>alert(1)</script>"), "\(uri)")
                #expect(!html.contains("<img src=x"), "\(uri)")
                #expect(!html.contains("<script>"), "\(uri): no inline script at all")
            }
            let deputy = Browser.text(try await client.execute(uri: "/c/serve-test/d/H1", method: .get))
            #expect(deputy.contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>"))
            #expect(deputy.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"))
            let quotes = Browser.text(try await client.execute(uri: "/c/serve-test/d/H2", method: .get))
            #expect(quotes.contains("<h1>Tom &amp; Jerry &#39;Quote&#39;</h1>"))
            let searched = Browser.text(try await client.execute(uri: "/c/serve-test/find?q=%22%3E%3Cb%3E", method: .get))
            #expect(searched.contains(#"value="&quot;&gt;&lt;b&gt;""#), "what was typed comes back escaped in the form")
        }
    }

    @Test func theSatchelListsEveryTargetNotReachedFirstAndFilters() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let all = Browser.text(try await client.execute(uri: "/c/serve-test/satchel", method: .get))
            #expect(all.contains("Pas encore atteints (7)"))
            #expect(all.contains("Atteints (0)"))
            let filtered = Browser.text(try await client.execute(uri: "/c/serve-test/satchel?group=SOC&department=93", method: .get))
            #expect(filtered.contains("Pas encore atteints (1)"))
            #expect(filtered.contains("/c/serve-test/d/W2\""))
            #expect(!filtered.contains("/c/serve-test/d/W3\""))
            #expect(filtered.contains(#"<option value="SOC" selected>SOC</option>"#))
        }
    }

    @Test func theEmbedShowsTheFinderWithoutChromeAndKeepsItsLinksInTheFrame() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let embed = try await client.execute(uri: "/c/serve-test/embed", method: .get)
            let html = Browser.text(embed)
            #expect(html.contains(#"<html lang="fr" class="embed">"#))
            #expect(!html.contains("<header"))
            #expect(html.contains(#"<input type="hidden" name="embed" value="1">"#))
            #expect(embed.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'self' https://partner.example") == true)
            let results = Browser.text(try await client.execute(uri: "/c/serve-test/find?q=guedj&embed=1", method: .get))
            #expect(results.contains(#"href="/c/serve-test/d/W1?embed=1""#))
        }
    }

    /// The post link's address on a page, unescaped.
    static func intentLink(in html: String) -> String? {
        guard let start = html.range(of: #"id="intent" href=""#) else { return nil }
        let rest = html[start.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end]).replacingOccurrences(of: "&amp;", with: "&")
    }
}
