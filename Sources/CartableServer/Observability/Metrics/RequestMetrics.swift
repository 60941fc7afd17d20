import Cartable
import Foundation
import Hummingbird

/// Counts every request of the site by method, route pattern and status, and times it: the route is the pattern the
/// router matched (`/c/{campaign}/d/{deputy}`), `NotFound` when none did; never the path, whose ids and handles would
/// make a series per deputy.
struct RequestMetrics: RouterMiddleware {
    typealias Context = SiteRequestContext

    let metrics: CartableMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            record(request, context, status: response.status.code, since: start)
            return response
        } catch {
            record(request, context, status: (error as? SiteError)?.status.code ?? (error as? any HTTPResponseError)?.status.code ?? 500, since: start)
            throw error
        }
    }

    private func record(_ request: Request, _ context: Context, status: Int, since start: ContinuousClock.Instant) {
        metrics.recordRequest(method: request.method.rawValue, route: RoutePattern.of(context), status: status,
                              duration: ContinuousClock.now - start)
    }
}

/// The route a request matched, as its pattern with named parameters in braces (`/c/{campaign}/d/{deputy}`).
enum RoutePattern {
    static func of(_ context: some RequestContext) -> String {
        guard let path = context.endpointPath, !path.isEmpty else { return "NotFound" }
        guard path.utf8.contains(UInt8(ascii: ":")) else { return path }
        // The router's patterns are few: each one rewritten once (the access log and the metrics ask for each request).
        if let kept = rewritten.withLock({ $0[path] }) { return kept }
        // Hummingbird writes a parameter `:name`; Prometheus users read `{name}` (OpenAPI's way).
        let pattern = path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment.hasPrefix(":") ? "{\(segment.dropFirst())}" : String(segment)
        }.joined(separator: "/")
        rewritten.withLock { if $0.count < 1_000 { $0[path] = pattern } }
        return pattern
    }

    private static let rewritten = Locked<[String: String]>([:])
}

