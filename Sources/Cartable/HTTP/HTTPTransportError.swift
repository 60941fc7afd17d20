/// Why no complete response arrived, and whether the request may nevertheless have reached the server.
///
/// Its text names the host at most, never a path, query, header or body, so it cannot carry a secret
/// (webhook URLs often embed one in their path).
public struct HTTPTransportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, coarsely.
    public enum Reason: String, Sendable, Hashable {
        /// The request could not be built or used a scheme other than http/https. Nothing was sent.
        case invalidRequest = "invalid request"
        /// The host name (or the proxy's) did not resolve. Nothing was sent.
        case nameResolutionFailed = "name resolution failed"
        /// The TCP connection could not be made (refused, unreachable, connect timeout). Nothing was sent.
        case connectionFailed = "could not connect"
        /// The TLS handshake or certificate verification failed. No HTTP request was sent.
        case tlsFailed = "TLS failed"
        /// The deadline passed; see ``HTTPTransportError/mayHaveReachedServer``.
        case timedOut = "timed out"
        /// The connection broke or the server closed it before a complete response.
        case connectionLost = "connection lost"
        /// The response body exceeded the transport's limit.
        case responseTooLarge = "response too large"
        /// The calling task was cancelled.
        case cancelled = "cancelled"
        /// Anything else the HTTP stack reported.
        case other = "transfer failed"
    }

    /// What went wrong.
    public var reason: Reason
    /// `false` only when the request certainly did not leave this machine; `true` when it may have been received.
    public var mayHaveReachedServer: Bool
    /// The HTTP stack's own words (e.g. libcurl's error text), which name at most the host.
    public var detail: String

    /// An error with its reason, whether the request may have reached the server, and a detail.
    public init(reason: Reason, mayHaveReachedServer: Bool, detail: String) {
        self.reason = reason
        self.mayHaveReachedServer = mayHaveReachedServer
        self.detail = detail
    }

    /// e.g. `timed out (Operation timed out after 1000 milliseconds); the request may have reached the server`.
    public var description: String {
        let reach = mayHaveReachedServer ? "may have reached the server" : "did not reach the server"
        return detail.isEmpty ? "\(reason.rawValue); the request \(reach)" : "\(reason.rawValue) (\(detail)); the request \(reach)"
    }
}
