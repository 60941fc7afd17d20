import Foundation
import HTTPTypes

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
