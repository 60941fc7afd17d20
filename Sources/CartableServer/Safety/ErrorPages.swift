import Cartable
import Foundation
import Hummingbird
import Logging

/// Turns every refusal into an answer people (or programs, under `/api/`) can read: a page in the visitor's
/// language with the status, `Retry-After` for too many requests; an unexpected error is logged without detail
/// reaching the page.
struct ErrorPages: RouterMiddleware {
    typealias Context = SiteRequestContext

    let site: SiteState
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as SiteError {
            return respond(error, to: request)
        } catch let error as any HTTPResponseError {
            switch error.status {
            case .notFound: return respond(.notFound, to: request)
            case .contentTooLarge: return respond(.tooLarge, to: request)
            case .badRequest: return respond(.badRequest("?"), to: request)
            default: throw error
            }
        } catch {
            logger.error("\(request.method.rawValue) \(request.uri.path): \(String(describing: type(of: error))): \(error)")
            return respondUnexpected(to: request)
        }
    }

    private func respond(_ error: SiteError, to request: Request) -> Response {
        let served = site.campaign(of: request)
        let language = Visitor(request, query: FormFields(request.uri.query.map { Substring($0) }), served: served).language
        let (heading, text) = error.explanation(in: language)
        var response: Response
        if request.uri.path.hasPrefix("/api/") {
            response = JSONAnswer.response(APIError(error: error.code, message: text), status: error.status)
        } else {
            let back: HTML? = served.map { "<p><a href=\"/c/\(Paths.escape($0.id))/\">\(language.text(.backToCampaign))</a></p>" }
            let layout = Layout(language: language, switchURL: PageRoutes.switchURL(request, to: language.other))
            response = PageRoutes.html(layout.page(title: heading, "<h1>\(heading)</h1>\n<p class=\"problem\">\(text)</p>\n\(back)"), status: error.status)
        }
        if case .tooMany(let seconds) = error { response.headers[.retryAfter] = String(seconds) }
        return response
    }

    private func respondUnexpected(to request: Request) -> Response {
        let language = Visitor(request, query: FormFields(nil), served: site.campaign(of: request)).language
        if request.uri.path.hasPrefix("/api/") {
            return JSONAnswer.response(APIError(error: "server-error", message: language.text(.serverErrorText)), status: .internalServerError)
        }
        let heading = language.text(.serverErrorHeading)
        let layout = Layout(language: language, switchURL: "/")
        return PageRoutes.html(layout.page(title: heading, "<h1>\(heading)</h1>\n<p>\(language.text(.serverErrorText))</p>"), status: .internalServerError)
    }
}
