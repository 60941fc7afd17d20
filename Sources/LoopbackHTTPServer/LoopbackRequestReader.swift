#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads successive HTTP/1.1 requests from one connected socket (keep-alive), buffering what arrives early.
struct LoopbackRequestReader {
    private let socket: Int32
    private var buffer: [UInt8] = []
    private static let headerLimit = 64 * 1024
    private static let bodyLimit = 8 * 1024 * 1024

    init(socket: Int32) {
        self.socket = socket
        buffer.reserveCapacity(16 * 1024)
    }

    /// The next complete request, or `nil` when the peer closed the connection or sent something unreadable.
    mutating func next(connectionID: Int) -> LoopbackRequest? {
        var headerEnd = Self.endOfHeaders(in: buffer)
        while headerEnd == nil {
            guard buffer.count < Self.headerLimit, fill() else { return nil }
            // A request line starts with a method in capitals; anything else (say a TLS ClientHello) is hung up on at once.
            if let first = buffer.first, !(UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(first) { return nil }
            headerEnd = Self.endOfHeaders(in: buffer)
        }
        guard let headerEnd else { return nil }
        let headText = String(decoding: buffer[..<headerEnd], as: UTF8.self)
        var lines = headText.split(separator: "\r\n", omittingEmptySubsequences: false)
        guard !lines.isEmpty else { return nil }
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count == 3 else { return nil }
        var headers: [(name: String, value: String)] = []
        var contentLength = 0
        for line in lines where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let name = String(line[..<colon])
            let value = String(line[line.index(after: colon)...].drop { $0 == " " || $0 == "\t" })
            headers.append((name, value))
            if name.lowercased() == "content-length" {
                guard let length = Int(value), length >= 0, length <= Self.bodyLimit else { return nil }
                contentLength = length
            } else if name.lowercased() == "transfer-encoding" {
                return nil  // the clients under test send Content-Length; chunked uploads are not needed here
            }
        }
        let bodyStart = headerEnd + 4
        while buffer.count < bodyStart + contentLength {
            guard fill() else { return nil }
        }
        let body = Array(buffer[bodyStart..<(bodyStart + contentLength)])
        buffer.removeFirst(bodyStart + contentLength)
        return LoopbackRequest(
            method: String(requestLine[0]), target: String(requestLine[1]),
            headers: headers, body: body, connectionID: connectionID
        )
    }

    /// Appends whatever the socket has; `false` on end of stream or error.
    private mutating func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            buffer.append(contentsOf: chunk[..<count])
            return true
        }
    }

    /// The index of the `\r\n\r\n` that ends the head, if it has arrived.
    private static func endOfHeaders(in bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        return bytes.withUnsafeBufferPointer { buffer in
            var index = 0
            while index + 3 < buffer.count {
                if buffer[index] == 13 && buffer[index + 1] == 10 && buffer[index + 2] == 13 && buffer[index + 3] == 10 {
                    return index
                }
                index += 1
            }
            return nil
        }
    }
}
