import Hummingbird

/// The static files and `/healthz`.
struct OperationRoutes: Sendable {
    let site: SiteState

    func add(to router: Router<SiteRequestContext>) {
        router.get("/assets/cartable.js") { _, _ in asset(site.assets.script, type: "text/javascript; charset=utf-8") }
        router.get("/assets/cartable.css") { _, _ in asset(site.assets.stylesheet, type: "text/css; charset=utf-8") }
        router.get("/assets/icon.svg") { _, _ in asset(site.assets.icon, type: "image/svg+xml") }
        router.get("/healthz") { _, _ in
            do {
                _ = try await site.outbox.backlog(channels: [])
                return Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
            } catch {
                return Response(status: .serviceUnavailable, headers: [.contentType: "text/plain; charset=utf-8"],
                                body: .init(byteBuffer: ByteBuffer(string: "the outbox does not answer\n")))
            }
        }
    }

    private func asset(_ text: String, type: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.cacheControl] = "public, max-age=3600"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
