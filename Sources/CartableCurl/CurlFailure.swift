import CCurl
import Cartable

/// Maps a libcurl result code to an ``HTTPTransportError`` that says whether the request may have reached the server.
enum CurlFailure {
    /// - Parameters:
    ///   - code: what `curl_multi_info_read` reported for the transfer.
    ///   - requestWasSent: whether libcurl had started writing the HTTP request (header bytes counted).
    ///   - detail: libcurl's error buffer, which names at most the host.
    static func error(code: CURLcode, requestWasSent: Bool, detail: String) -> HTTPTransportError {
        let text = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
        switch code {
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT:
            return HTTPTransportError(reason: .invalidRequest, mayHaveReachedServer: false, detail: text)
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return HTTPTransportError(reason: .nameResolutionFailed, mayHaveReachedServer: false, detail: text)
        case CURLE_COULDNT_CONNECT:
            return HTTPTransportError(reason: .connectionFailed, mayHaveReachedServer: false, detail: text)
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE,
            CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER, CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ISSUER_ERROR,
            CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS:
            // These fail during the handshake, before any HTTP byte is written.
            return HTTPTransportError(reason: .tlsFailed, mayHaveReachedServer: false, detail: text)
        case CURLE_OPERATION_TIMEDOUT:
            // A connect timeout sent nothing; a timeout while waiting for the answer may follow a received request.
            return HTTPTransportError(reason: .timedOut, mayHaveReachedServer: requestWasSent, detail: text)
        case CURLE_GOT_NOTHING, CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_PARTIAL_FILE, CURLE_HTTP2, CURLE_HTTP2_STREAM:
            return HTTPTransportError(reason: .connectionLost, mayHaveReachedServer: requestWasSent, detail: text)
        case CURLE_WRITE_ERROR:
            // Our write callback refused the body: the server answered, so the request certainly arrived.
            return HTTPTransportError(reason: .responseTooLarge, mayHaveReachedServer: true, detail: "response body over the limit")
        default:
            return HTTPTransportError(reason: .other, mayHaveReachedServer: requestWasSent, detail: text)
        }
    }
}
