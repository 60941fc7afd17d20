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
        if frameAncestors.isEmpty {
            set(ownPolicy, on: &response.headers)
        } else {
            response.headers[.contentSecurityPolicy] = policy(frameAncestors: frameAncestors)
        }
        set(noSniff, on: &response.headers)
        set(sameOrigin, on: &response.headers)
    }

    /// The fields most answers get, made (and their values checked) once.
    private static let ownPolicy = HTTPField(name: .contentSecurityPolicy, value: policy(frameAncestors: []))
    private static let noSniff = HTTPField(name: .xContentTypeOptions, value: "nosniff")
    private static let sameOrigin = HTTPField(name: .referrerPolicy, value: "same-origin")

    /// Puts `field` on `headers` in place of any field of its name.
    private static func set(_ field: HTTPField, on headers: inout HTTPFields) {
        if headers.contains(field.name) {
            headers[fields: field.name] = [field]
        } else {
            headers.append(field)
        }
    }

    private static func policy(frameAncestors: [String]) -> String {
        let ancestors = (["'self'"] + frameAncestors).joined(separator: " ")
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors \(ancestors)"
    }
}
