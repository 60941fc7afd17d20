import Foundation
import Testing

@testable import Cartable

@Suite("redaction: every form of a secret, then the cut")
struct RedactionTests {
    let secret = Secret("ck+KEY/secret=42 é")

    @Test("raw, percent-encoded (either case), form-encoded, JSON-escaped and base64 at each alignment are all hidden")
    func forms() {
        let redaction = Redaction([secret])
        let value = secret.reveal()
        let lowerHex = PercentEncoding.encode(value).replacingOccurrences(of: "%2B", with: "%2b").replacingOccurrences(of: "%2F", with: "%2f")
            .replacingOccurrences(of: "%C3%A9", with: "%c3%a9")
        var forms = [value, PercentEncoding.encode(value), lowerHex,
                     value.replacingOccurrences(of: " ", with: "+"), value.replacingOccurrences(of: "/", with: "\\/")]
        for prefix in ["", "u", "us", "user:"] {
            let encoded = Data((prefix + value).utf8).base64EncodedString()
            forms.append(encoded)
            forms.append(encoded.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_"))
        }
        for form in forms {
            let hidden = redaction.hide(in: "before \(form) after")
            #expect(hidden.contains("<redacted>") && hidden.hasPrefix("before ") && hidden.hasSuffix(" after"), "\(form): \(hidden)")
            #expect(!hidden.contains("KEY"), "\(form): \(hidden)")
        }
        #expect(redaction.hide(in: "nothing secret here") == "nothing secret here")
    }

    @Test("a long message is redacted before it is cut: no piece of a secret at the cut")
    func redactThenCut() {
        let token = "tok-SECRET-AT-THE-CUT-123456"
        let text = String(repeating: "x", count: Redaction.messageLimit - 10) + " " + token + " tail"
        let message = Redaction([Secret(token)]).message(text)
        #expect(!message.contains("tok-SECR"), "\(message)")
        #expect(message.count <= Redaction.messageLimit + 1)
    }

    @Test("a webhook URL's path, query and long segments are secrets")
    func webhookParts() throws {
        let endpoint = try HTTPEndpoint(string: "https://hooks.example/services/T0001/B0002/HOOKPATHSECRET?token=Q-SECRET-1")
        let redaction = Redaction([], hiding: endpoint)
        let echo = "POST /services/T0001/B0002/HOOKPATHSECRET?token=Q-SECRET-1 then HOOKPATHSECRET and Q%2DSECRET%2D1"
        let hidden = redaction.hide(in: echo)
        for secret in ["HOOKPATHSECRET", "Q-SECRET-1", "Q%2DSECRET", "B0002"] { #expect(!hidden.contains(secret), "\(hidden)") }
        #expect(hidden.hasPrefix("POST <redacted>"), "\(hidden)")
    }
}
