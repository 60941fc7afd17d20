import CCurl
import Cartable
import Foundation
import HTTPTypes

/// One request on its way through libcurl: its easy-handle options, the response as it arrives, and the
/// continuation that gets the outcome. After submission it is touched only by the multi loop's thread.
final class CurlTransfer: @unchecked Sendable {
    /// What the loop thread hands back: raw bytes only, so that parsing happens on the caller's thread.
    typealias Outcome = Result<ReceivedResponse, HTTPTransportError>

    enum State {
        case waiting
        case running(easy: UnsafeMutableRawPointer)
        case finished
    }

    let request: HTTPRequest
    let url: String
    let body: Data?
    var state = State.waiting
    /// Set when cancellation arrived before the loop started the transfer.
    var cancelledBeforeStart = false
    private var continuation: CheckedContinuation<Outcome, Never>?
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var responseBody = Data()
    private var headerBytes: [UInt8] = []
    private var bodyLimit = 0
    private var bodyOverflowed = false

    /// Validates what libcurl must never see: a scheme other than http/https, or a missing host.
    init(request: HTTPRequest, body: Data?) throws(HTTPTransportError) {
        guard let scheme = request.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            throw HTTPTransportError(reason: .invalidRequest, mayHaveReachedServer: false, detail: "only http and https are allowed")
        }
        guard let authority = request.authority, !authority.isEmpty else {
            throw HTTPTransportError(reason: .invalidRequest, mayHaveReachedServer: false, detail: "the request has no host")
        }
        let path = request.path ?? "/"
        self.request = request
        self.url = "\(scheme)://\(authority)\(path.hasPrefix("/") ? path : "/" + path)"
        self.body = body
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        // Built here, on the caller's thread, to keep the single loop thread's work per request small.
        var list: UnsafeMutablePointer<curl_slist>?
        for field in request.headerFields {
            list = curl_slist_append(list, "\(field.name.rawName): \(field.value)")
        }
        // libcurl would otherwise send "Expect: 100-continue" for larger bodies and wait for the server's go-ahead.
        list = curl_slist_append(list, "Expect:")
        headerList = list
    }

    deinit {
        curl_slist_free_all(headerList)
        errorBuffer.deallocate()
    }

    func attach(_ continuation: CheckedContinuation<Outcome, Never>) {
        self.continuation = continuation
    }

    /// Hands the outcome to the waiting task, once.
    func finish(_ outcome: Outcome) {
        state = .finished
        curl_slist_free_all(headerList)
        headerList = nil
        continuation?.resume(returning: outcome)
        continuation = nil
    }

    /// Sets every option of the easy handle for this request. `easy` was reset, so nothing leaks from a previous use.
    func configure(_ easy: UnsafeMutableRawPointer, _ configuration: CurlTransport.Configuration) {
        bodyLimit = configuration.maxResponseBodyBytes
        _ = cartable_easy_setopt_string(easy, CURLOPT_URL, url)
        _ = cartable_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1)
        _ = cartable_easy_setopt_string(easy, CURLOPT_PROTOCOLS_STR, "http,https")
        _ = cartable_easy_setopt_string(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        _ = cartable_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, configuration.connectTimeout.curlMilliseconds)
        _ = cartable_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, configuration.requestTimeout.curlMilliseconds)
        _ = cartable_easy_setopt_long(easy, CURLOPT_SSL_VERIFYPEER, 1)
        _ = cartable_easy_setopt_long(easy, CURLOPT_SSL_VERIFYHOST, 2)
        if let caBundlePath = configuration.caBundlePath {
            _ = cartable_easy_setopt_string(easy, CURLOPT_CAINFO, caBundlePath)
        }
        if configuration.prefersHTTP2 {
            _ = cartable_easy_setopt_long(easy, CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS))
            if url.hasPrefix("https:") {
                // Wait for a connection that may multiplex rather than opening another one.
                _ = cartable_easy_setopt_long(easy, CURLOPT_PIPEWAIT, 1)
            }
        } else {
            _ = cartable_easy_setopt_long(easy, CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_1_1))
        }
        switch configuration.proxy {
        case .environment:
            break
        case .disabled:
            _ = cartable_easy_setopt_string(easy, CURLOPT_PROXY, "")
        case .url(let proxy):
            _ = cartable_easy_setopt_string(easy, CURLOPT_PROXY, proxy)
        }
        _ = cartable_easy_setopt_string(easy, CURLOPT_ACCEPT_ENCODING, "")
        _ = cartable_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer)
        configureMethodAndBody(easy)
        _ = cartable_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, headerList)
        let context = Unmanaged.passUnretained(self).toOpaque()
        _ = cartable_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, context)
        _ = cartable_easy_setopt_write_callback(easy) { data, size, count, context in
            guard let context else { return 0 }
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
            return transfer.receiveBody(UnsafeRawBufferPointer(start: data, count: size * count))
        }
        _ = cartable_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, context)
        _ = cartable_easy_setopt_header_callback(easy) { data, size, count, context in
            guard let context else { return 0 }
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
            transfer.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: size * count))
            return size * count
        }
    }

    private func configureMethodAndBody(_ easy: UnsafeMutableRawPointer) {
        let method = request.method
        // Redirects are followed only for reads: replaying a POST elsewhere could post twice.
        let followsRedirects = method == .get || method == .head
        _ = cartable_easy_setopt_long(easy, CURLOPT_FOLLOWLOCATION, followsRedirects ? 1 : 0)
        if followsRedirects {
            _ = cartable_easy_setopt_long(easy, CURLOPT_MAXREDIRS, 5)
        }
        switch method {
        case .get where body == nil:
            _ = cartable_easy_setopt_long(easy, CURLOPT_HTTPGET, 1)
        case .head:
            _ = cartable_easy_setopt_long(easy, CURLOPT_NOBODY, 1)
        default:
            let bytes = body ?? Data()
            _ = cartable_easy_setopt_off_t(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(bytes.count))
            // COPYPOSTFIELDS: libcurl keeps its own copy, so the body's lifetime is not tied to this Data.
            if bytes.isEmpty {
                _ = cartable_easy_setopt_string(easy, CURLOPT_COPYPOSTFIELDS, "")
            } else {
                bytes.withUnsafeBytes { buffer in
                    _ = cartable_easy_setopt_pointer(easy, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: buffer.baseAddress))
                }
            }
            if method != .post {
                _ = cartable_easy_setopt_string(easy, CURLOPT_CUSTOMREQUEST, method.rawValue)
            }
        }
    }

    private func receiveBody(_ chunk: UnsafeRawBufferPointer) -> Int {
        guard responseBody.count + chunk.count <= bodyLimit else {
            bodyOverflowed = true
            return 0  // anything but chunk.count aborts the transfer with CURLE_WRITE_ERROR
        }
        responseBody.append(contentsOf: chunk)
        return chunk.count
    }

    private func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        // A new status line (after a 100 Continue or a followed redirect): only the last response's head counts.
        if bytes.starts(with: "HTTP/".utf8) {
            headerBytes.removeAll(keepingCapacity: true)
        }
        headerBytes.append(contentsOf: bytes)
    }

    /// Whether libcurl had started writing the request: from then on the server may have acted on it.
    func requestWasSent(_ easy: UnsafeMutableRawPointer) -> Bool {
        var headerBytes = 0
        _ = cartable_easy_getinfo_long(easy, CURLINFO_REQUEST_SIZE, &headerBytes)
        var uploadedBytes: curl_off_t = 0
        _ = cartable_easy_getinfo_off_t(easy, CURLINFO_SIZE_UPLOAD_T, &uploadedBytes)
        return headerBytes > 0 || uploadedBytes > 0
    }

    /// The outcome once libcurl reports the transfer done with `code`.
    func outcome(code: CURLcode, easy: UnsafeMutableRawPointer) -> Outcome {
        guard code == CURLE_OK else {
            let detail = String(cString: errorBuffer)
            return .failure(CurlFailure.error(code: code, requestWasSent: requestWasSent(easy), detail: detail))
        }
        var statusCode = 0
        _ = cartable_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &statusCode)
        var httpVersion = 0
        _ = cartable_easy_getinfo_long(easy, CURLINFO_HTTP_VERSION, &httpVersion)
        return .success(ReceivedResponse(statusCode: statusCode, headerBytes: headerBytes, body: responseBody, curlHTTPVersion: httpVersion))
    }
}
