import CCurl
import Cartable
import Foundation
import HTTPTypes

/// A response as libcurl delivered it: the status code, the raw head (status line and header lines) and the body.
struct ReceivedResponse: Sendable {
    var statusCode: Int
    var headerBytes: [UInt8]
    var body: Data
    /// libcurl's `CURLINFO_HTTP_VERSION` (`CURL_HTTP_VERSION_1_0` … `CURL_HTTP_VERSION_3`); 0 when unknown.
    var curlHTTPVersion = 0

    /// The response as values; fails when the status is not a valid HTTP status.
    func parsed() throws(HTTPTransportError) -> HTTPTransportResponse {
        guard (100...599).contains(statusCode) else {
            throw HTTPTransportError(reason: .other, mayHaveReachedServer: true, detail: "no valid HTTP status (\(statusCode))")
        }
        var fields = HTTPFields()
        var reasonPhrase = ""
        for line in headerBytes.split(separator: UInt8(ascii: "\n")) {
            let trimmed = Self.trimmed(line)
            guard !trimmed.isEmpty else { continue }
            if trimmed.starts(with: "HTTP/".utf8) {
                // "HTTP/1.1 201 Created": the reason phrase is everything after the second space.
                let parts = trimmed.split(separator: UInt8(ascii: " "), maxSplits: 2)
                reasonPhrase = parts.count == 3 ? String(decoding: parts[2], as: UTF8.self) : ""
                continue
            }
            guard let colon = trimmed.firstIndex(of: UInt8(ascii: ":")),
                let name = HTTPField.Name(String(decoding: Self.trimmed(trimmed[..<colon]), as: UTF8.self))
            else { continue }
            let value = String(decoding: Self.trimmed(trimmed[(colon + 1)...]), as: UTF8.self)
            fields.append(HTTPField(name: name, value: value))
        }
        let head = HTTPResponse(status: .init(code: statusCode, reasonPhrase: reasonPhrase), headerFields: fields)
        return HTTPTransportResponse(head: head, body: body, httpVersion: httpVersion)
    }

    /// The version libcurl reports, as a value.
    var httpVersion: HTTPTransportResponse.Version? {
        switch curlHTTPVersion {
        case Int(CURL_HTTP_VERSION_1_0): .http1_0
        case Int(CURL_HTTP_VERSION_1_1): .http1_1
        case Int(CURL_HTTP_VERSION_2_0): .http2
        case Int(CURL_HTTP_VERSION_3): .http3
        default: nil
        }
    }

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let isSpace = { (byte: UInt8) in byte == 32 || byte == 9 || byte == 13 || byte == 10 }
        var slice = bytes
        while let first = slice.first, isSpace(first) { slice.removeFirst() }
        while let last = slice.last, isSpace(last) { slice.removeLast() }
        return slice
    }
}
