import Foundation
import HTTPTypes

/// Moves one HTTP request to a server and brings its response back: the only way channels reach the network.
///
/// Channels build ``HTTPRequest`` values and classify ``HTTPTransportResponse`` values in pure code; a transport
/// only moves bytes. `CartableCurl.CurlTransport` is the built-in implementation (libcurl). Write your own to
/// route through another HTTP stack; it must keep this contract:
///
/// - Every response the server sends is **returned**, whatever its status (a 429 or a 500 is an answer, not an error).
/// - It **throws** ``HTTPTransportError`` only when no complete response arrived, and sets
///   ``HTTPTransportError/mayHaveReachedServer`` truthfully: `false` only when the request certainly never left
///   (bad URL, DNS failure, connection refused, TLS handshake failure); `true` when it may have been sent, because
///   retrying a post that went out is how duplicates happen.
/// - Only `http` and `https`; TLS certificates are verified; a redirect is never followed for a method other than
///   GET or HEAD (a POST must not be replayed somewhere else).
/// - When the calling task is cancelled, the transfer stops promptly and the call throws with reason `.cancelled`.
/// - It is safe to call from many tasks at once; implementations are expected to reuse connections.
///
/// ```swift
/// let response = try await transport.send(request, body: Data(#"{"text":"Bonjour"}"#.utf8))
/// if response.status.kind == .successful { ... }
/// ```
public protocol HTTPTransport: Sendable {
    /// Sends `request` with an optional body and returns the server's response, whatever its status.
    func send(_ request: HTTPRequest, body: Data?) async throws(HTTPTransportError) -> HTTPTransportResponse
}

/// A response head with its complete body.
public struct HTTPTransportResponse: Sendable, Hashable {
    /// Status and header fields.
    public var head: HTTPResponse
    /// The body bytes (already decoded if the server compressed them).
    public var body: Data
    /// The HTTP version the response came over, when the transport knows it (`CurlTransport` always does).
    public var httpVersion: Version?

    /// The HTTP versions a response can come over.
    public enum Version: String, Sendable, Hashable {
        case http1_0 = "HTTP/1.0"
        case http1_1 = "HTTP/1.1"
        case http2 = "HTTP/2"
        case http3 = "HTTP/3"
    }

    /// A response from a head and a body, and the HTTP version if known.
    public init(head: HTTPResponse, body: Data = Data(), httpVersion: Version? = nil) {
        self.head = head
        self.body = body
        self.httpVersion = httpVersion
    }

    /// The status, e.g. `.ok` or 429.
    public var status: HTTPResponse.Status { head.status }

    /// The header fields, looked up case-insensitively: `response.headerFields[.retryAfter]`.
    public var headerFields: HTTPFields { head.headerFields }

    /// The first value of a header field by name, e.g. `"x-rate-limit-reset"`; `nil` if absent or the name is invalid.
    public func headerValue(_ name: String) -> String? {
        guard let fieldName = HTTPField.Name(name) else { return nil }
        return head.headerFields[fieldName]
    }
}
