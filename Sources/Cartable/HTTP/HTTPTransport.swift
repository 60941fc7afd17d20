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
