import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small HTTP/1.1 server on 127.0.0.1 (or another local IPv4 address) for tests and benchmarks: one thread per connection, keep-alive,
/// `Content-Length` bodies, and a handler that decides each reply.
///
/// It binds port 0, so the kernel picks a free port (``port``); call ``stop()`` when done.
public final class LoopbackHTTPServer: @unchecked Sendable {
    /// Decides the reply to one request. Called on the connection's thread; may be called concurrently.
    public typealias Handler = @Sendable (LoopbackRequest) -> LoopbackReply

    /// The port the server listens on, on ``host``.
    public let port: UInt16
    /// The IPv4 address the server listens on: 127.0.0.1 unless another was asked.
    public let host: String
    private let listeningSocket: Int32
    private let handler: Handler
    // Guards the counters and the open sockets; the sockets are shut down by `stop()` to wake their threads.
    private let lock = NSLock()
    private var openSockets: Set<Int32> = []
    private var acceptedConnections = 0
    private var answeredRequests = 0
    private var stopped = false

    /// `http://<host>:<port>` with no trailing slash.
    public var baseURL: String { "http://\(host):\(port)" }

    /// How many connections have been accepted so far.
    public var connectionCount: Int { lock.withLock { acceptedConnections } }

    /// How many complete requests have been read so far.
    public var requestCount: Int { lock.withLock { answeredRequests } }

    /// Starts listening on `host` (an IPv4 address of this machine: 127.0.0.1 by default; a network namespace's
    /// peer reaches the host end of a veth pair, say) with a kernel-chosen port.
    public init(host: String = "127.0.0.1", handler: @escaping Handler) throws {
        self.handler = handler
        self.host = host
        let socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketDescriptor >= 0 else { throw LoopbackServerError.socket(errno) }
        var yes: Int32 = 1
        setsockopt(socketDescriptor, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr(host)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socketDescriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(socketDescriptor, 1024) == 0 else {
            let failure = errno
            close(socketDescriptor)
            throw LoopbackServerError.socket(failure)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketDescriptor, $0, &length) }
        }
        listeningSocket = socketDescriptor
        port = UInt16(bigEndian: address.sin_port)
        let acceptThread = Thread { [self] in acceptLoop() }
        acceptThread.name = "loopback-accept"
        acceptThread.start()
    }

    /// Stops accepting, closes every open connection and frees the port. Safe to call twice.
    public func stop() {
        // shutdown (not close) wakes threads blocked in accept/recv; each thread closes its own descriptor.
        // The lock is held throughout so that no descriptor is closed (and its number reused elsewhere) meanwhile.
        lock.withLock {
            guard !stopped else { return }
            stopped = true
            shutdown(listeningSocket, Int32(SHUT_RDWR))
            for socketDescriptor in openSockets {
                shutdown(socketDescriptor, Int32(SHUT_RDWR))
            }
        }
    }

    deinit {
        stop()
    }

    private func acceptLoop() {
        while true {
            let client = accept(listeningSocket, nil, nil)
            if client < 0 {
                if lock.withLock({ stopped }) { break }
                // EINTR, ECONNABORTED, a momentary EMFILE: keep serving rather than silently refusing from now on.
                usleep(1000)
                continue
            }
            let connectionID: Int? = lock.withLock {
                guard !stopped else { return nil }
                acceptedConnections += 1
                openSockets.insert(client)
                return acceptedConnections
            }
            guard let connectionID else {
                close(client)
                break
            }
            var yes: Int32 = 1
            setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
            let thread = Thread { [self] in serve(client, connectionID: connectionID) }
            thread.name = "loopback-connection-\(connectionID)"
            thread.start()
        }
        close(listeningSocket)
    }

    private func serve(_ client: Int32, connectionID: Int) {
        var reader = LoopbackRequestReader(socket: client)
        defer {
            lock.withLock { _ = openSockets.remove(client) }
            close(client)
        }
        while let request = reader.next(connectionID: connectionID) {
            lock.withLock { answeredRequests += 1 }
            let response: LoopbackResponse
            switch handler(request) {
            case .respond(let answer):
                response = answer
            case .respondAfter(let delay, let answer):
                Thread.sleep(forTimeInterval: Double(delay.components.seconds) + Double(delay.components.attoseconds) / 1e18)
                response = answer
            case .dropConnection:
                return
            }
            let closeAfter = request.header("Connection")?.lowercased() == "close"
            guard writeAll(client, serialize(response, closing: closeAfter)), !closeAfter else { return }
        }
    }

    private func serialize(_ response: LoopbackResponse, closing: Bool) -> [UInt8] {
        var head = "HTTP/1.1 \(response.status) \(reasonPhrase(response.status))\r\n"
        for (name, value) in response.headers {
            head += "\(name): \(value)\r\n"
        }
        head += "Content-Length: \(response.body.count)\r\n"
        if closing { head += "Connection: close\r\n" }
        head += "\r\n"
        return Array(head.utf8) + response.body
    }

    private func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 201: "Created"
        case 302: "Found"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 409: "Conflict"
        case 422: "Unprocessable Entity"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }

    private func writeAll(_ client: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                send(client, buffer.baseAddress! + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
            }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }
}

/// Why the loopback server could not start.
public enum LoopbackServerError: Error, CustomStringConvertible {
    /// A socket call failed with this `errno`.
    case socket(Int32)

    public var description: String {
        switch self {
        case .socket(let code): "loopback server: socket error \(code) (\(String(cString: strerror(code))))"
        }
    }
}
