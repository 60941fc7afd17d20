import Foundation
import HTTPTypes

/// A validated http(s) base URL that channels append API paths to, e.g. `https://mastodon.social` or a webhook URL.
///
/// Its ``redactedDescription`` shows only scheme and host: a webhook URL's path often is a secret.
public struct HTTPEndpoint: Sendable, Hashable {
    /// `http` or `https`, lowercased.
    public let scheme: String
    /// Host and port as they go in the request (`host` or `host:port`), host lowercased.
    public let authority: String
    /// The base path without a trailing slash (may be empty), plus the base URL's query if any.
    public let basePath: String
    let baseQuery: String?

    /// Validates `url`: scheme http/https, a host, a port (if any) from 1 to 65535, no user-info, no fragment. The error
    /// names the problem, not the URL.
    public init(_ url: URL) throws(HTTPEndpointError) {
        guard let components = URLComponents(url: url, resolvingAgainstBaseURL: false) else {
            throw .notAURL
        }
        guard let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            throw .unsupportedScheme
        }
        guard let host = components.percentEncodedHost?.lowercased(), !host.isEmpty else { throw .missingHost }
        guard components.user == nil, components.password == nil else { throw .containsCredentials }
        guard components.fragment == nil else { throw .containsFragment }
        if let port = components.port, !(1...65535).contains(port) { throw .invalidPort }
        self.scheme = scheme
        let hostPart = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        authority = components.port.map { "\(hostPart):\($0)" } ?? hostPart
        var path = components.percentEncodedPath
        while path.hasSuffix("/") { path.removeLast() }
        basePath = path
        baseQuery = components.percentEncodedQuery
    }

    /// Parses and validates a URL string.
    public init(string: String) throws(HTTPEndpointError) {
        guard let url = URL(string: string.trimmingCharacters(in: .whitespaces)) else { throw .notAURL }
        try self.init(url)
    }

    /// `scheme://authority`, safe to print.
    public var redactedDescription: String { "\(scheme)://\(authority)" }

    /// The URL of `path` (which starts with `/`, or is empty for the base itself) without query, as OAuth signs it.
    public func urlString(path: String) -> String {
        "\(scheme)://\(authority)\(basePath)\(path)"
    }

    /// A request for `path` under the base, with query items percent-encoded per RFC 3986.
    public func request(
        _ method: HTTPRequest.Method, path: String = "", query: [(name: String, value: String)] = [],
        headerFields: HTTPFields = [:]
    ) -> HTTPRequest {
        var queryParts: [String] = baseQuery.map { [$0] } ?? []
        queryParts += query.map { "\(PercentEncoding.encode($0.name))=\(PercentEncoding.encode($0.value))" }
        var fullPath = basePath + path
        if fullPath.isEmpty { fullPath = "/" }
        if !queryParts.isEmpty { fullPath += "?" + queryParts.joined(separator: "&") }
        return HTTPRequest(method: method, scheme: scheme, authority: authority, path: fullPath, headerFields: headerFields)
    }
}
