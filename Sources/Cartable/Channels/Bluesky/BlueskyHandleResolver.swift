import Foundation
import HTTPTypes

/// Resolves handles to DIDs with `com.atproto.identity.resolveHandle`, caching answers so that each handle is
/// looked up once per run (and concurrent lookups of the same handle share one request).
actor BlueskyHandleResolver {
    private let service: HTTPEndpoint
    private let transport: any HTTPTransport
    private var known: [String: String?] = [:]
    private var inFlight: [String: Task<String??, Never>] = [:]

    init(service: HTTPEndpoint, transport: any HTTPTransport) {
        self.service = service
        self.transport = transport
    }

    /// DIDs of the handles that resolve; a handle that does not exist is left out (its mention stays plain text).
    func resolve(_ handles: [String]) async -> [String: String] {
        var dids: [String: String] = [:]
        for handle in Set(handles) {
            if let did = await resolve(handle) { dids[handle] = did }
        }
        return dids
    }

    private func resolve(_ handle: String) async -> String? {
        if let cached = known[handle] { return cached }
        let task = inFlight[handle] ?? Task { await self.lookUp(handle) }
        inFlight[handle] = task
        let answer = await task.value
        inFlight[handle] = nil
        // `nil` means "ask again next time" (network trouble); `.some(nil)` means "no such handle".
        if let answer { known[handle] = answer }
        return answer ?? nil
    }

    private func lookUp(_ handle: String) async -> String?? {
        let request = service.request(
            .get, path: "/xrpc/com.atproto.identity.resolveHandle", query: [("handle", handle)],
            headerFields: [.accept: "application/json", .userAgent: "Cartable/\(CartableVersion.current)"])
        guard let response = try? await transport.send(request, body: nil) else { return nil }
        switch response.status.code {
        case 200..<300:
            return .some(JSONBody.object(response.body)?["did"] as? String)
        case 400, 404:
            return .some(nil)
        default:
            return nil
        }
    }
}
