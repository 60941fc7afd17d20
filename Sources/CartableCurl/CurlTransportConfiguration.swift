extension CurlTransport {
    /// Limits and network settings of a ``CurlTransport``.
    public struct Configuration: Sendable {
        /// How a request finds its proxy.
        public enum Proxy: Sendable {
            /// libcurl reads `http_proxy`, `https_proxy` (or `HTTPS_PROXY`), `all_proxy` and `no_proxy`.
            /// Uppercase `HTTP_PROXY` is ignored on purpose by libcurl (the "httpoxy" CGI attack).
            case environment
            /// Never use a proxy, whatever the environment says.
            case disabled
            /// Always use this proxy URL (e.g. `http://127.0.0.1:3128`).
            case url(String)
        }

        /// The longest a TCP (and TLS) connect may take.
        public var connectTimeout: Duration = .seconds(10)
        /// The longest a whole request may take, connect included.
        public var requestTimeout: Duration = .seconds(30)
        /// At most this many connections to one host; further requests wait for a free one (or share one over HTTP/2).
        public var maxConnectionsPerHost = 32
        /// How many idle connections are kept open for reuse.
        public var maxCachedConnections = 64
        /// Responses with a larger body fail with ``HTTPTransportError/Reason/responseTooLarge``.
        public var maxResponseBodyBytes = 8 * 1024 * 1024
        /// Where the proxy comes from.
        public var proxy: Proxy = .environment
        /// A CA bundle file to trust instead of the system's (e.g. a test CA). TLS verification itself cannot be turned off.
        public var caBundlePath: String?
        /// Ask for HTTP/2 over TLS (ALPN); servers that do not offer it get HTTP/1.1.
        public var prefersHTTP2 = true

        /// The defaults: 10 s connect, 30 s per request, 32 connections per host, proxy from the environment.
        public init() {}
    }
}

extension Duration {
    /// Whole milliseconds, at least 1 so that libcurl never reads 0 as "no timeout".
    var curlMilliseconds: Int {
        let (seconds, attoseconds) = components
        return max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }
}
