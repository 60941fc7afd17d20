import Cartable
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// "Send it through the campaign's account": the campaign's wording for a deputy, queued in the outbox (the answer
/// comes once the row is in the file) and posted afterwards by the site's sender to a real webhook sender on loopback;
/// once per supporter and deputy; never a free edit.
@Suite("cartable serve: sending through the campaign")
struct SendThroughCampaignTests {
    @Test func theWordingShownIsSentOnceAndTheSatchelCountsIt() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let page = try await client.execute(uri: "/c/serve-test/d/W1?turn=1", method: .get)
            let cookie = try #require(Browser.supporterCookie(page))
            let html = Browser.text(page)
            #expect(html.contains(#"<form method="post" action="/c/serve-test/d/W1/send" id="send-form">"#))
            let shown = try #require(PageRouteTests.intentLink(in: html).flatMap(IntentLink.text(in:)))

            let sent = try await client.execute(uri: "/c/serve-test/d/W1/send", method: .post, headers: Browser.formHeaders(cookie: cookie),
                                                body: Browser.form([("turn", "1")]))
            #expect(sent.status == .seeOther)
            #expect(sent.headers[.location] == "/c/serve-test/d/W1/thanks")
            let received = await fixture.waitForReceived(1)
            #expect(received.count == 1)
            let body = try #require(received.first)
            let posted = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
            #expect(posted["text"] as? String == shown, "the receiver got exactly the wording shown")

            let thanks = try await eventually({
                Browser.text(try await client.execute(uri: "/c/serve-test/d/W1/thanks", method: .get, headers: [.cookie: cookie]))
            }, until: { $0.contains("est parti le ") })
            #expect(thanks.contains("Votre message à Jérôme Guedj est parti le "))
            #expect(thanks.contains("http://localhost/c/serve-test/"), "the campaign's link to share")
            #expect(thanks.contains("Écrire à un autre député : <a href=\"/c/serve-test/d/"))
            #expect(!thanks.contains("/c/serve-test/d/W1\">"), "another deputy, not the same one")

            let outbox = try SQLiteOutbox(path: fixture.outboxPath, access: .readOnly)
            let supporter = String(cookie.dropFirst("cartable_supporter=".count))
            let rows = try await outbox.messages(campaignID: "serve-test", supporterID: supporter, recipientID: "W1")
            #expect(rows.count == 1)
            #expect(rows.first?.state == .sent)
            #expect(rows.first?.entry.idempotencyKey.rawValue == "serve-test/\(supporter)/W1/webhook")

            let campaign = Browser.text(try await client.execute(uri: "/c/serve-test/", method: .get))
            #expect(campaign.contains("1 message à 1 des 7 députés jusqu’ici"))
            let satchel = Browser.text(try await client.execute(uri: "/c/serve-test/satchel", method: .get))
            #expect(satchel.contains("Atteints (1)"))
            #expect(satchel.contains("Pas encore atteints (6)"))
        }
    }

    @Test func aRepeatSaysWhatBecameOfTheFirstAndSendsNothing() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let cookie = try #require(Browser.supporterCookie(try await client.execute(uri: "/c/serve-test/d/W2", method: .get)))
            let first = try await client.execute(uri: "/c/serve-test/d/W2/send", method: .post, headers: Browser.formHeaders(cookie: cookie),
                                                 body: Browser.form([("turn", "0")]))
            #expect(first.status == .seeOther)
            let again = try await client.execute(uri: "/c/serve-test/d/W2/send", method: .post, headers: Browser.formHeaders(cookie: cookie),
                                                 body: Browser.form([("turn", "1")]))
            #expect(again.status == .seeOther)
            #expect(again.headers[.location] == "/c/serve-test/d/W2/thanks?repeat=1")
            let thanks = try await eventually({
                Browser.text(try await client.execute(uri: "/c/serve-test/d/W2/thanks?repeat=1", method: .get, headers: [.cookie: cookie]))
            }, until: { $0.contains("est parti le ") })
            #expect(thanks.contains("Vous avez déjà écrit à Marie Martin dans cette campagne : un message par député."))
            #expect(thanks.contains("Votre message à Marie Martin est parti le "))
            #expect(await fixture.waitForReceived(2, seconds: 1).count == 1, "nothing more reached the receiver")

            // Through the API too.
            let api = try await client.execute(uri: "/api/c/serve-test/d/W2/send", method: .post, headers: Browser.jsonHeaders(cookie: cookie),
                                               body: ByteBuffer(string: #"{"variant": 1}"#))
            let json = try Browser.json(api)
            #expect(json["outcome"] as? String == "already-written")
            #expect(json["state"] as? String == "sent")
            #expect(await fixture.waitForReceived(2, seconds: 1).count == 1)

            // Another supporter may write to the same deputy.
            let other = try await client.execute(uri: "/c/serve-test/d/W2/send", method: .post, headers: Browser.formHeaders(),
                                                 body: Browser.form([("turn", "0")]))
            #expect(other.headers[.location] == "/c/serve-test/d/W2/thanks")
            #expect(await fixture.waitForReceived(2).count == 2)
        }
    }

    @Test func onlyTheCampaignsOwnWordingsGoThroughItsAccount() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let form = try await client.execute(uri: "/c/serve-test/d/W3/send", method: .post, headers: Browser.formHeaders(),
                                                body: Browser.form([("turn", "0"), ("text", "@paulmartin un texte arbitraire")]))
            #expect(form.status == .badRequest)
            #expect(Browser.text(form).contains("Un texte modifié ne se publie que depuis votre propre compte."))

            let api = try await client.execute(uri: "/api/c/serve-test/d/W3/send", method: .post, headers: Browser.jsonHeaders(),
                                               body: ByteBuffer(string: #"{"variant": 0, "text": "@paulmartin un texte arbitraire"}"#))
            #expect(api.status == .badRequest)
            #expect(try Browser.json(api)["error"] as? String == "bad-request")
            #expect(fixture.received.isEmpty, "no free text left through the campaign's account")

            let asked = try await client.execute(uri: "/api/c/serve-test/d/W3/message?variant=1", method: .get)
            let cookie = try #require(Browser.supporterCookie(asked))
            let wording = try #require(try Browser.json(asked)["text"] as? String)
            let sent = try await client.execute(uri: "/api/c/serve-test/d/W3/send", method: .post, headers: Browser.jsonHeaders(cookie: cookie),
                                                body: ByteBuffer(string: #"{"variant": 1}"#))
            let json = try Browser.json(sent)
            #expect(json["outcome"] as? String == "queued", "\(json)")
            #expect(json["state"] as? String == "queued")
            #expect(json["detail"] as? String == "Votre message à Paul Martin est dans la file d’envoi : le compte de la campagne l’envoie dans un instant. "
                + "Rechargez cette page pour le voir partir.")
            let received = await fixture.waitForReceived(1)
            #expect(received.count == 1)
            let first = try #require(received.first)
            let posted = try #require(try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])
            #expect(posted["text"] as? String == wording, "the campaign's wording the supporter was shown, and only it")
            #expect(json["text"] as? String == wording)
        }
    }

    @Test func aCampaignThatDoesNotSendThroughItsAccountOffersOnlyTheLinks() async throws {
        let fixture = try ServerFixture(web: "web: {intro: Écrivez-leur.}")
        try await fixture.test { client in
            let html = Browser.text(try await client.execute(uri: "/c/serve-test/d/W1", method: .get))
            #expect(!html.contains("send-form"))
            #expect(PageRouteTests.intentLink(in: html) != nil)
            let refused = try await client.execute(uri: "/c/serve-test/d/W1/send", method: .post, headers: Browser.formHeaders(),
                                                   body: Browser.form([("turn", "0")]))
            #expect(refused.status == .notFound)
            #expect(fixture.received.isEmpty)
        }
    }
}
