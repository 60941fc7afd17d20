import HTTPTypes
import Hummingbird

/// Puts the safety headers on every answer: a Content-Security-Policy without `unsafe-inline` (our one script and
/// stylesheet come from this server, forms post only here, frames only from the campaign's `embed_origins`),
/// `nosniff`, and a referrer kept to this site.
struct SecurityHeaders: RouterMiddleware {
    typealias Context = SiteRequestContext

    let site: SiteState

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        Self.apply(to: &response, frameAncestors: site.frameAncestors(for: request))
        return response
    }

    /// Sets the headers on `response`.
    static func apply(to response: inout Response, frameAncestors: [String]) {
        response.headers[.contentSecurityPolicy] = frameAncestors.isEmpty ? ownPolicy : policy(frameAncestors: frameAncestors)
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.referrerPolicy] = "same-origin"
    }

    /// The policy for a page only this site may frame: the same for most answers, made once.
    private static let ownPolicy = policy(frameAncestors: [])

    private static func policy(frameAncestors: [String]) -> String {
        let ancestors = (["'self'"] + frameAncestors).joined(separator: " ")
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors \(ancestors)"
    }
}
