import Cartable
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The JSON API beside the pages: the same library calls, as JSON; and `/openapi.json`, whose every path answers.
@Suite("cartable serve: API")
struct APIRouteTests {
    @Test func theCampaignAndItsSatchel() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let response = try await client.execute(uri: "/api/c/serve-test", method: .get)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            let json = try Browser.json(response)
            #expect(json["id"] as? String == "serve-test")
            #expect(json["profile"] as? String == "twitter")
            #expect(json["maxLength"] as? Int == 280)
            #expect(json["sendThroughCampaign"] as? Bool == true)
            #expect(json["deputies"] as? Int == 7)
            #expect((json["satchel"] as? [String: Any])?["messages"] as? Int == 0)
            let missing = try await client.execute(uri: "/api/c/nope", method: .get)
            #expect(missing.status == .notFound)
            #expect(try Browser.json(missing)["error"] as? String == "unknown-campaign")
        }
    }

    @Test func deputiesByNameDepartmentPostcodeAndSuggestion() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            func ids(_ uri: String) async throws -> [String] {
                let json = try Browser.json(try await client.execute(uri: uri, method: .get))
                return (json["deputies"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            }
            #expect(try await ids("/api/c/serve-test/deputies?q=guedj") == ["W1"])
            #expect(try await ids("/api/c/serve-test/deputies?q=jerome%20GUEDJ") == ["W1"], "accents, case and word order ignored")
            #expect(try await ids("/api/c/serve-test/deputies?department=93") == ["W2", "W3", "W4"])
            #expect(try await ids("/api/c/serve-test/deputies?postcode=93500").isEmpty, "Pantin is Seine-Saint-Denis' 6th constituency, not in the list")
            let split = try Browser.json(try await client.execute(uri: "/api/c/serve-test/deputies?postcode=93200", method: .get))
            #expect((split["deputies"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String } == ["W2", "W3"],
                    "Saint-Denis' postcode spans the 1st and 2nd constituencies: both deputies, none guessed")
            #expect((split["notes"] as? [String] ?? []).contains { $0.contains("93200") }, "\(split)")
            #expect(try await ids("/api/c/serve-test/deputies?q=martin&department=93").contains("W2"))
            let suggested = try Browser.json(try await client.execute(uri: "/api/c/serve-test/deputies?suggest=1", method: .get))
            #expect(suggested["suggested"] as? Bool == true)
            let deputies = try #require(suggested["deputies"] as? [[String: Any]])
            #expect(deputies.count == 5)
            #expect(deputies.allSatisfy { $0["reachable"] as? Bool == true && $0["messagesSoFar"] as? Int == 0 })

            let bad = try await client.execute(uri: "/api/c/serve-test/deputies?postcode=abc", method: .get)
            #expect(bad.status == .badRequest)
            #expect(try Browser.json(bad)["error"] as? String == "bad-request")
            #expect(try await client.execute(uri: "/api/c/serve-test/deputies", method: .get).status == .badRequest)
        }
    }

    @Test func aDeputysMessageByVariantIsTheDraftsAndMeasureUsesTheLengthEngine() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let first = try await client.execute(uri: "/api/c/serve-test/d/W1/message", method: .get)
            let cookie = try #require(Browser.supporterCookie(first))
            let zero = try Browser.json(first)
            let one = try Browser.json(try await client.execute(uri: "/api/c/serve-test/d/W1/message?variant=1", method: .get, headers: [.cookie: cookie]))
            let two = try Browser.json(try await client.execute(uri: "/api/c/serve-test/d/W1/message?variant=2", method: .get, headers: [.cookie: cookie]))
            #expect(zero["text"] as? String != one["text"] as? String)
            #expect(zero["text"] as? String == two["text"] as? String, "after the last wording, the first again")
            #expect(zero["variantCount"] as? Int == 2)
            let text = try #require(zero["text"] as? String)
            #expect(zero["weightedLength"] as? Int == LengthProfile.twitter.measure(text).weightedLength)
            #expect(IntentLink.text(in: try #require(zero["intentURL"] as? String)) == text)
            #expect(try await client.execute(uri: "/api/c/serve-test/d/W6/message", method: .get).status == .notFound)

            let long = String(repeating: "é", count: 300)
            let measured = try Browser.json(try await client.execute(uri: "/api/c/serve-test/measure", method: .post, headers: Browser.jsonHeaders(),
                                                                     body: ByteBuffer(string: #"{"text": "\#(long)"}"#)))
            #expect(measured["weightedLength"] as? Int == 300)
            #expect(measured["excess"] as? Int == 20)
            #expect(measured["valid"] as? Bool == false)
            let classic = try Browser.json(try await client.execute(uri: "/api/c/serve-test/measure", method: .post, headers: Browser.jsonHeaders(),
                                                                    body: ByteBuffer(string: #"{"text": "\#(long)", "profile": "twitter-classic"}"#)))
            #expect(classic["maxLength"] as? Int == 140)
            let unknown = try await client.execute(uri: "/api/c/serve-test/measure", method: .post, headers: Browser.jsonHeaders(),
                                                   body: ByteBuffer(string: #"{"text": "x", "profile": "myspace"}"#))
            #expect(unknown.status == .badRequest)
            let notJSON = try await client.execute(uri: "/api/c/serve-test/measure", method: .post, headers: Browser.jsonHeaders(), body: ByteBuffer(string: "text=x"))
            #expect(notJSON.status == .badRequest)
        }
    }

    @Test func theOpenAPIDocumentDescribesPathsThatAnswer() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let document = try Browser.json(try await client.execute(uri: "/openapi.json", method: .get))
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            #expect(paths.count == 5)
            for (path, operations) in paths {
                let uri = path.replacingOccurrences(of: "{campaign}", with: "serve-test").replacingOccurrences(of: "{deputy}", with: "W1")
                for method in operations.keys {
                    let response = try await client.execute(
                        uri: uri + (uri.hasSuffix("deputies") ? "?q=guedj" : ""), method: method == "post" ? .post : .get,
                        headers: Browser.jsonHeaders(), body: method == "post" ? ByteBuffer(string: #"{"text": "x", "variant": 0}"#) : nil)
                    #expect(response.status != .notFound, "\(method) \(path)")
                    #expect(response.status != .methodNotAllowed, "\(method) \(path)")
                }
            }
        }
    }
}
