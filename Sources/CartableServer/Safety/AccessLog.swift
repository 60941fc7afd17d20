import Foundation
import Hummingbird
import Logging

/// One line per request through swift-log, at `info`: method, path (without its query, which may hold what a
/// supporter typed), status and time taken in the message; the same with the route pattern as metadata (`method`,
/// `path`, `route`, `status`, `duration_ms`). No cookie, no header, no address.
struct AccessLog: RouterMiddleware {
    typealias Context = SiteRequestContext

    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            log(request, context, status: response.status.code, since: start)
            return response
        } catch {
            let status = (error as? SiteError)?.status.code ?? (error as? any HTTPResponseError)?.status.code ?? 500
            log(request, context, status: status, since: start)
            throw error
        }
    }

    private func log(_ request: Request, _ context: Context, status: Int, since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let tenths = Int((elapsed.seconds * 10_000).rounded())
        let milliseconds = Double(tenths) / 10
        let method = request.method.rawValue, path = request.uri.path
        // `%.1f` without Foundation's formatting: a non-negative number of tenths.
        logger.info("\(method) \(path) \(status) \(tenths / 10).\(tenths % 10)ms", metadata: [
            "method": .string(method), "path": .string(path), "route": .string(RoutePattern.of(context)),
            "status": .stringConvertible(status), "duration_ms": .stringConvertible(milliseconds),
        ])
    }
}
