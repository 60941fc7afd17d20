import Testing
@testable import Cartable

@Suite("HTTP endpoints and percent-encoding")
struct HTTPEndpointTests {
    @Test("RFC 3986 encoding: unreserved kept, everything else %XX uppercase, UTF-8 bytes")
    func percentEncoding() {
        #expect(PercentEncoding.encode("Hello Ladies + Gentlemen, a signed OAuth request!")
            == "Hello%20Ladies%20%2B%20Gentlemen%2C%20a%20signed%20OAuth%20request%21")
        #expect(PercentEncoding.encode("AZaz09-._~") == "AZaz09-._~")
        #expect(PercentEncoding.encode("*'()é☃") == "%2A%27%28%29%C3%A9%E2%98%83")
        #expect(PercentEncoding.formBody([("status", "a&b=c"), ("language", "fr")]) == "status=a%26b%3Dc&language=fr")
    }

    @Test("a base URL keeps its path prefix and query; requests append paths and encoded query items")
    func requests() throws {
        let endpoint = try HTTPEndpoint(string: "HTTPS://Social.Example:8443/base/?token=abc")
        #expect(endpoint.redactedDescription == "https://social.example:8443")
        let request = endpoint.request(.get, path: "/api/v2/instance", query: [("handle", "a b")])
        #expect(request.scheme == "https")
        #expect(request.authority == "social.example:8443")
        #expect(request.path == "/base/api/v2/instance?token=abc&handle=a%20b")
        #expect(try HTTPEndpoint(string: "http://h.example").request(.post).path == "/")
    }

    @Test("unusable URLs are refused with a reason", arguments: [
        ("ftp://x.example", HTTPEndpointError.unsupportedScheme), ("x.example/path", .unsupportedScheme),
        ("https://user:pw@x.example", .containsCredentials), ("https://x.example/#frag", .containsFragment),
        ("https:///nohost", .missingHost), ("", .notAURL),
    ])
    func refused(text: String, expected: HTTPEndpointError) {
        #expect(throws: expected) { try HTTPEndpoint(string: text) }
    }

    @Test("a port outside 1–65535 is refused when the URL is read, not by the transport on each request",
          arguments: ["http://127.0.0.1:99999/hook", "https://x.example:0/", "http://x.example:65536"])
    func invalidPort(text: String) {
        #expect(throws: HTTPEndpointError.self) { try HTTPEndpoint(string: text) }
        #expect((try? HTTPEndpoint(string: "http://x.example:65535/hook"))?.authority == "x.example:65535")
    }
}
