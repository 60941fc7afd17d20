import Hummingbird

/// Refuses every POST whose `Origin` (or, without one, `Referer`) is not the server's own origin or one of the
/// campaign's `web.embed_origins` (403): a form on another site cannot send or measure in a supporter's name.
struct OriginCheck: RouterMiddleware {
    typealias Context = SiteRequestContext

    let site: SiteState

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .post else { return try await next(request, context) }
        guard let origin = Self.origin(of: request), site.allows(origin: origin, for: request) else {
            throw SiteError.foreignOrigin
        }
        return try await next(request, context)
    }

    /// The request's origin: its `Origin` header, else the scheme, host and port of its `Referer`; lower-cased.
    static func origin(of request: Request) -> String? {
        if let origin = request.headers[.origin], origin != "null" { return origin.lowercased() }
        guard let referer = request.headers[.referer], let url = originOfURL(referer) else { return nil }
        return url
    }

    private static func originOfURL(_ text: String) -> String? {
        guard let schemeEnd = text.range(of: "://") else { return nil }
        let rest = text[schemeEnd.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard !authority.isEmpty, !authority.contains("@") else { return nil }
        return (text[..<schemeEnd.lowerBound] + "://" + authority).lowercased()
    }
}
