import CCurl
import Cartable
import Testing
@testable import CartableCurl

/// The libcurl codes that loopback cannot provoke without a network (DNS) are checked here, one row each.
@Suite("libcurl failures")
struct CurlFailureTests {
    @Test("failures before sending never claim the request reached the server, even when bytes were counted", arguments: [
        (CURLE_COULDNT_RESOLVE_HOST, HTTPTransportError.Reason.nameResolutionFailed),
        (CURLE_COULDNT_RESOLVE_PROXY, .nameResolutionFailed),
        (CURLE_COULDNT_CONNECT, .connectionFailed),
        (CURLE_PEER_FAILED_VERIFICATION, .tlsFailed),
        (CURLE_SSL_CONNECT_ERROR, .tlsFailed),
        (CURLE_UNSUPPORTED_PROTOCOL, .invalidRequest),
    ])
    func notSent(code: CURLcode, reason: HTTPTransportError.Reason) {
        let error = CurlFailure.error(code: code, requestWasSent: true, detail: "")
        #expect(error.reason == reason)
        #expect(!error.mayHaveReachedServer)
        #expect(!error.detail.isEmpty, "libcurl's own text is used when the error buffer is empty")
    }

    @Test("timeouts and broken connections may have reached the server only if the request was being sent", arguments: [
        CURLE_OPERATION_TIMEDOUT, CURLE_GOT_NOTHING, CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_PARTIAL_FILE, CURLE_HTTP2_STREAM,
    ])
    func maybeSent(code: CURLcode) {
        #expect(CurlFailure.error(code: code, requestWasSent: true, detail: "x").mayHaveReachedServer)
        #expect(!CurlFailure.error(code: code, requestWasSent: false, detail: "x").mayHaveReachedServer)
    }
}
