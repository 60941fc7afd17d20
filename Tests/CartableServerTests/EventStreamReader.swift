import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A Server-Sent Events stream read over a plain TCP connection to the server on loopback, as a browser's
/// `EventSource` reads it: the request is sent, then the answer is read as it comes (the test client would wait for
/// the end of a body that does not end). Blocking reads run on a thread of their own, off the cooperative pool.
final class EventStreamReader: @unchecked Sendable {
    private let socket: Int32
    private let lock = NSLock()
    private var received = ""

    /// Connects to `127.0.0.1:port` and asks for `path` with `headers`.
    init(port: Int, path: String, headers: [String: String]) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { close(socket); throw POSIXError(.ECONNREFUSED) }
        var request = "GET \(path) HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        request += "\r\n"
        _ = request.withCString { send(socket, $0, strlen($0), 0) }
        let thread = Thread { [self] in
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = recv(socket, &buffer, buffer.count, 0)
                guard count > 0 else { return }
                let text = String(decoding: buffer[0..<count], as: UTF8.self)
                lock.withLock { received += text }
            }
        }
        thread.start()
    }

    /// Everything read so far (the status line, the headers, the chunked body as sent).
    var text: String { lock.withLock { received } }

    /// The `data:` of every `figures` event read so far, as JSON objects.
    var figures: [[String: Any]] {
        text.components(separatedBy: "event: figures\ndata: ").dropFirst().compactMap { chunk in
            let line = chunk.prefix { $0 != "\n" }
            return try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        }
    }

    /// Waits until `done` holds of the events read, or `seconds` pass; the events.
    func waitForFigures(seconds: Double = 30, until done: ([[String: Any]]) -> Bool) async -> [[String: Any]] {
        let deadline = Date().addingTimeInterval(seconds)
        while !done(figures), Date() < deadline { try? await Task.sleep(for: .milliseconds(50)) }
        return figures
    }

    /// Waits until the answer's status line has come, or `seconds` pass; everything read by then.
    func waitForStatusLine(seconds: Double = 30) async -> String {
        let deadline = Date().addingTimeInterval(seconds)
        while !text.contains("\r\n"), Date() < deadline { try? await Task.sleep(for: .milliseconds(20)) }
        return text
    }

    /// Closes the connection (the server's stream then ends).
    func stop() {
        shutdown(socket, Int32(SHUT_RDWR))
        close(socket)
    }
}
