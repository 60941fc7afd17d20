import Foundation
import Hummingbird
import Logging

/// One line per request through swift-log, at `info`: method, path (without its query, which may hold what a
/// supporter typed), status and time taken in the message; the same with the route pattern as metadata (`method`,
/// `path`, `route`, `status`, `duration_ms`). No cookie, no header, no address.
struct AccessLog: RouterMiddleware {
    typealias Context = SiteRequestContext

    let logger: Logger
    /// The logger's handler when it is `serve`'s own (``LogLineHandler``): its text lines are written straight from
    /// the fields (``AccessLogLine``), without swift-log's metadata dictionary; any other handler gets the entry
    /// through `logger.info`.
    private let lineHandler: LogLineHandler?

    init(logger: Logger) {
        self.logger = logger
        lineHandler = logger.handler as? LogLineHandler
    }

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
        guard logger.logLevel <= .info else { return }
        let elapsed = ContinuousClock.now - start
        let entry = AccessLogLine(method: request.method.rawValue, path: request.uri.path, route: RoutePattern.of(context),
                                  status: status, tenths: Int((elapsed.seconds * 10_000).rounded()))
        if let lineHandler, lineHandler.writeText(entry) { return }
        logger.info("\(entry.message)", metadata: entry.metadata)
    }
}
