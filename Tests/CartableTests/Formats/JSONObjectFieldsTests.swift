import Foundation
import Testing
import Cartable

@Suite("a JSON object's named fields (the measure call's body)")
struct JSONObjectFieldsTests {
    private func read(_ body: String) -> Result<[String: JSONObjectFields.Value], JSONObjectFields.Problem> {
        var body = body
        return body.withUTF8 { JSONObjectFields.read(["text", "profile"], fromUTF8: $0) }
    }

    @Test("the named members' strings, escapes decoded; null, other values and the last of a repeated key as they are")
    func namedMembers() {
        #expect(read(#"{"text": "Bonjour @depute ! L'économie"}"#) == .success(["text": .string("Bonjour @depute ! L'économie")]))
        #expect(read(#" {"id": 7, "tags": [1, -2.5e3, true, {"a": []}], "text": "a\nb\u00e9\uD83D\uDE00\/", "profile": null} "#)
            == .success(["text": .string("a\nbé😀/"), "profile": .null]))
        #expect(read(#"{"text": 5, "profile": {"name": "x"}}"#) == .success(["text": .other, "profile": .other]))
        #expect(read(#"{"text": "a", "text": "b"}"#) == .success(["text": .string("b")]), "the last member wins")
        #expect(read("{}") == .success([:]))
        #expect(read("{\"text\": \"\u{FEFF}abc\"}") == .success(["text": .string("\u{FEFF}abc")]))
    }

    @Test("JSON that is not an object, and what is not JSON or not UTF-8, are told apart")
    func problems() {
        for body in ["[]", #""text""#, "3", "null", " true "] {
            #expect(read(body) == .failure(.notAnObject), "\(body)")
        }
        for body in ["", "text=x", "{", #"{"text": "a""#, #"{"text": "a",}"#, #"{"text" "a"}"#, #"{"text": "\x"}"#,
                     #"{"text": "\uD800"}"#, "{\"text\": \"tab\there\"}", #"{"text": nul}"#, #"{"profile": 01}"#,
                     #"{"text": "a"} x"#, "[1", String(repeating: "[", count: 100_000)] {
            #expect(read(body) == .failure(.malformedJSON), "\(body.prefix(40))")
        }
        let latin1: [UInt8] = Array(#"{"text": ""#.utf8) + [0xE9] + Array(#""}"#.utf8)
        #expect(latin1.withUnsafeBufferPointer { JSONObjectFields.read(["text"], fromUTF8: $0) } == .failure(.malformedJSON),
                "not UTF-8")
    }

    @Test("the same strings as JSONDecoder reads")
    func sameAsJSONDecoder() throws {
        struct Body: Decodable { var text: String; var profile: String? }
        for body in [#"{"text": "€5 l’unité \"cité\" \\ \t", "profile": "mastodon"}"#, #"{"profile": null, "text": "\u0000x\u2028"}"#,
                     #"{"text": "", "other": [{"text": "inner"}]}"#] {
            let decoded = try JSONDecoder().decode(Body.self, from: Data(body.utf8))
            let fields = try read(body).get()
            #expect(fields["text"] == .string(decoded.text))
            #expect(fields["profile"] == decoded.profile.map { .string($0) } ?? fields["profile"])
        }
    }
}
