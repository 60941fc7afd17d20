import Cartable
import Foundation
import HTTPTypes

/// The ``HTTPTransport`` over libcurl: one multi handle on one thread carries every request in flight,
/// easy handles and connections are reused (keep-alive, HTTP/2 multiplexing over TLS when the server offers it).
///
/// TLS is always verified against the system CA bundle; only http and https are allowed; redirects are followed
/// for GET and HEAD only; proxies come from the standard environment variables unless configured otherwise.
/// Cancelling the calling task aborts its transfer.
///
/// ```swift
/// let transport = CurlTransport()
/// let response = try await transport.send(request, body: body)
/// ```
public final class CurlTransport: HTTPTransport {
    /// The settings this transport was made with.
    public let configuration: Configuration
    private let loop: CurlMultiLoop

    /// A transport with its own connection pool and loop thread. Share one per process rather than making one per request.
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        loop = CurlMultiLoop(configuration: configuration)
    }

    deinit {
        loop.stop()
    }

    public func send(_ request: HTTPRequest, body: Data?) async throws(HTTPTransportError) -> HTTPTransportResponse {
        let transfer = try CurlTransfer(request: request, body: body)
        let outcome = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                transfer.attach(continuation)
                loop.submit(transfer)
            }
        } onCancel: {
            loop.cancel(transfer)
        }
        switch outcome {
        case .success(let received): return try received.parsed()
        case .failure(let error): throw error
        }
    }
}
