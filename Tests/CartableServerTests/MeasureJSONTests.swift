import Foundation
import Hummingbird
import Testing
@testable import CartableServer

/// The measure call's body and answer, read and written by hand: the same as `JSONDecoder` and `JSONEncoder`, with
/// clear refusals.
@Suite("the measure call's JSON")
struct MeasureJSONTests {
    private func request(_ body: String) throws(SiteError) -> APIMeasureRequest {
        try APIMeasureRequest(json: ByteBuffer(string: body))
    }

    private func refusal(_ body: String) -> String? {
        do {
            _ = try request(body)
            return nil
        } catch {
            if case .badRequest(let message) = error { return message }
            return "\(error)"
        }
    }

    @Test func readsTheTextAndTheProfile() throws {
        let plain = try request(#"{"text": "Bonjour @depute\n", "profile": "mastodon"}"#)
        #expect(plain.text == "Bonjour @depute\n" && plain.profile == "mastodon")
        let noProfile = try request(#"{"profile": null, "text": "é", "extra": [1, {"a": true}]}"#)
        #expect(noProfile.text == "é" && noProfile.profile == nil)
    }

    @Test func refusesWhatJSONDecoderRefusedWithTheSameWords() {
        #expect(refusal("text=x") == "the body must be JSON: it cannot be read")
        #expect(refusal("") == "the body must be JSON: it cannot be read")
        #expect(refusal(#"{"text": "a""#) == "the body must be JSON: it cannot be read")
        #expect(refusal("{}") == "the body must be JSON: 'text' is missing")
        #expect(refusal(#"{"profile": "twitter"}"#) == "the body must be JSON: 'text' is missing")
        #expect(refusal(#"{"text": 3}"#) == "the body must be JSON: 'text' has the wrong type")
        #expect(refusal(#"{"text": null}"#) == "the body must be JSON: 'text' has the wrong type")
        #expect(refusal(#"{"text": "a", "profile": 1}"#) == "the body must be JSON: 'profile' has the wrong type")
        #expect(refusal(#"["text"]"#) == #"the body must be JSON: an object, {"text": "…"}"#)
    }

    @Test func theAnswerIsWhatJSONEncoderWrote() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for answer in [APIMeasurement(profile: "twitter", weightedLength: 117, maxLength: 280, valid: true, excess: 0),
                       APIMeasurement(profile: "twitter-classic", weightedLength: 300, maxLength: 140, valid: false, excess: 160),
                       APIMeasurement(profile: "a\"b/\\é", weightedLength: 0, maxLength: 0, valid: true, excess: -1)] {
            #expect(String(decoding: answer.json, as: UTF8.self) == String(decoding: try encoder.encode(answer), as: UTF8.self))
        }
    }
}
