import Crypto
import Foundation

/// Signs requests with OAuth 1.0a HMAC-SHA1 (RFC 5849), as X's user-context API requires.
///
/// Only query parameters and `application/x-www-form-urlencoded` body parameters are signed; a JSON body is not
/// (RFC 5849 §3.4.1.3.1), so `POST /2/tweets` signs just the `oauth_*` values.
public struct OAuth1Signer: Sendable {
    /// The credentials signed with.
    public var credentials: OAuth1Credentials

    /// A signer for these credentials.
    public init(credentials: OAuth1Credentials) {
        self.credentials = credentials
    }

    /// The `Authorization` header value: `OAuth oauth_consumer_key="…", …, oauth_version="1.0"`.
    /// - Parameters:
    ///   - url: the request URL without query (scheme and host are lowercased and a default port dropped here).
    ///   - parameters: the query and form parameters, not yet encoded.
    public func authorizationHeader(
        method: String, url: String, parameters: [(name: String, value: String)] = [], nonce: String, timestamp: Int
    ) -> String {
        var oauth = protocolParameters(nonce: nonce, timestamp: timestamp)
        oauth.append(("oauth_signature", signature(method: method, url: url, parameters: parameters, nonce: nonce, timestamp: timestamp)))
        oauth.sort { $0.name < $1.name }
        return "OAuth " + oauth.map { "\(PercentEncoding.encode($0.name))=\"\(PercentEncoding.encode($0.value))\"" }.joined(separator: ", ")
    }

    /// The base64 HMAC-SHA1 signature of the request.
    public func signature(method: String, url: String, parameters: [(name: String, value: String)], nonce: String, timestamp: Int) -> String {
        let base = Self.signatureBaseString(
            method: method, url: url, parameters: parameters + protocolParameters(nonce: nonce, timestamp: timestamp))
        let key = PercentEncoding.encode(credentials.consumerSecret.reveal()) + "&" + PercentEncoding.encode(credentials.tokenSecret.reveal())
        let code = HMAC<Insecure.SHA1>.authenticationCode(for: Data(base.utf8), using: SymmetricKey(data: Data(key.utf8)))
        return Data(code).base64EncodedString()
    }

    /// `METHOD&enc(base URL)&enc(sorted, encoded parameters)`, the string that is signed (RFC 5849 §3.4.1).
    public static func signatureBaseString(method: String, url: String, parameters: [(name: String, value: String)]) -> String {
        let encoded: [(name: String, value: String)] = parameters.map { parameter in
            (PercentEncoding.encode(parameter.name), PercentEncoding.encode(parameter.value))
        }
        let sorted = encoded.sorted { left, right in
            left.name == right.name ? left.value < right.value : left.name < right.name
        }
        let parameterString = sorted.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
        let parts: [String] = [method.uppercased(), PercentEncoding.encode(normalizedBaseURL(url)), PercentEncoding.encode(parameterString)]
        return parts.joined(separator: "&")
    }

    /// A fresh nonce: 32 random letters and digits.
    public static func makeNonce() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<32).map { _ in alphabet[Int(generator.next(upperBound: UInt(alphabet.count)))] })
    }

    /// Lowercase scheme and host, no default port, no query or fragment (RFC 5849 §3.4.1.2).
    static func normalizedBaseURL(_ url: String) -> String {
        let withoutQuery = String(url.prefix { $0 != "?" && $0 != "#" })
        guard let schemeEnd = withoutQuery.range(of: "://") else { return withoutQuery }
        let scheme = withoutQuery[..<schemeEnd.lowerBound].lowercased()
        let rest = withoutQuery[schemeEnd.upperBound...]
        let pathStart = rest.firstIndex(of: "/") ?? rest.endIndex
        var authority = rest[..<pathStart].lowercased()
        if (scheme == "http" && authority.hasSuffix(":80")) || (scheme == "https" && authority.hasSuffix(":443")) {
            authority = String(authority[..<authority.lastIndex(of: ":")!])
        }
        let path = rest[pathStart...]
        return "\(scheme)://\(authority)\(path.isEmpty ? "/" : String(path))"
    }

    private func protocolParameters(nonce: String, timestamp: Int) -> [(name: String, value: String)] {
        [
            ("oauth_consumer_key", credentials.consumerKey.reveal()),
            ("oauth_nonce", nonce),
            ("oauth_signature_method", "HMAC-SHA1"),
            ("oauth_timestamp", String(timestamp)),
            ("oauth_token", credentials.token.reveal()),
            ("oauth_version", "1.0"),
        ]
    }
}
