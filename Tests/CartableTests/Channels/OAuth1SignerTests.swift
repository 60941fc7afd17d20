import Testing
@testable import Cartable

/// PLATFORMS.md §1.2: X's "Creating a signature" worked example, pinned to api.twitter.com.
@Suite("OAuth 1.0a signer")
struct OAuth1SignerTests {
    let signer = OAuth1Signer(credentials: OAuth1Credentials(
        consumerKey: Secret("xvz1evFS4wEEPTGEFPHBog"),
        consumerSecret: Secret("kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw"),
        token: Secret("370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb"),
        tokenSecret: Secret("LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE")))
    let url = "https://api.twitter.com/1.1/statuses/update.json"
    let parameters = [("status", "Hello Ladies + Gentlemen, a signed OAuth request!"), ("include_entities", "true")]
    let nonce = "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg"
    let timestamp = 1_318_622_958

    @Test("the worked example's signature is hCtSmYh+iHYCEqBWrE7C7hYmtUk=")
    func workedExampleSignature() {
        #expect(signer.signature(method: "POST", url: url, parameters: parameters, nonce: nonce, timestamp: timestamp)
            == "hCtSmYh+iHYCEqBWrE7C7hYmtUk=")
    }

    @Test("the worked example's base string matches the documented one")
    func workedExampleBaseString() {
        let oauth = [
            ("oauth_consumer_key", "xvz1evFS4wEEPTGEFPHBog"), ("oauth_nonce", nonce), ("oauth_signature_method", "HMAC-SHA1"),
            ("oauth_timestamp", "1318622958"), ("oauth_token", "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb"),
            ("oauth_version", "1.0"),
        ]
        let expected = "POST&https%3A%2F%2Fapi.twitter.com%2F1.1%2Fstatuses%2Fupdate.json&include_entities%3Dtrue%26oauth_consumer_key%3Dxvz1evFS4wEEPTGEFPHBog%26oauth_nonce%3DkYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1318622958%26oauth_token%3D370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb%26oauth_version%3D1.0%26status%3DHello%2520Ladies%2520%252B%2520Gentlemen%252C%2520a%2520signed%2520OAuth%2520request%2521"
        #expect(OAuth1Signer.signatureBaseString(method: "post", url: url, parameters: parameters + oauth) == expected)
    }

    @Test("the header carries every oauth_* value, sorted, with the signature percent-encoded")
    func header() {
        let header = signer.authorizationHeader(method: "POST", url: url, parameters: parameters, nonce: nonce, timestamp: timestamp)
        #expect(header.hasPrefix("OAuth oauth_consumer_key=\"xvz1evFS4wEEPTGEFPHBog\", oauth_nonce=\""))
        #expect(header.contains("oauth_signature=\"hCtSmYh%2BiHYCEqBWrE7C7hYmtUk%3D\""))
        #expect(header.hasSuffix("oauth_token=\"370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb\", oauth_version=\"1.0\""))
    }

    @Test("the old /1/ URL gives the signature shown on 'Authorizing a request' (the docs' known inconsistency)")
    func legacyURL() {
        let legacy = "https://api.twitter.com/1/statuses/update.json"
        #expect(signer.signature(method: "POST", url: legacy, parameters: parameters, nonce: nonce, timestamp: timestamp)
            == "tnnArxj06cWHq44gCs1OSKk/jLY=")
    }

    @Test("the base URL is normalised: lowercase scheme and host, no default port, no query")
    func normalisation() {
        #expect(OAuth1Signer.normalizedBaseURL("HTTPS://API.X.com:443/2/tweets?x=1#f") == "https://api.x.com/2/tweets")
        #expect(OAuth1Signer.normalizedBaseURL("http://127.0.0.1:8080/2/tweets") == "http://127.0.0.1:8080/2/tweets")
        #expect(OAuth1Signer.normalizedBaseURL("http://example.com:80") == "http://example.com/")
    }

    @Test("nonces are 32 letters or digits and differ")
    func nonces() {
        let first = OAuth1Signer.makeNonce()
        let second = OAuth1Signer.makeNonce()
        #expect(first.count == 32)
        #expect(first.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
        #expect(first != second)
    }
}
