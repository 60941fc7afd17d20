import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A real TLS server for tests: Debian's nginx with HTTP/2, run as a child process with its own configuration in a
/// temporary folder, on free 127.0.0.1 ports, with a private CA made by openssl for the occasion.
///
/// Two listeners, both with certificates from ``caBundlePath``:
/// - ``port``: a certificate for `127.0.0.1` and `localhost` (subjectAltName), HTTP/2 and HTTP/1.1 by ALPN;
/// - ``wrongHostPort``: a certificate for `wrong.example` only, to check that a hostname mismatch is refused.
///
/// Every request is proxied to `upstream` (a ``LoopbackHTTPServer``) when given; otherwise nginx answers
/// `200 {"id":"tls-1"}` itself. Call ``stop()`` when done; it also removes the folder.
public final class NginxTLSServer: @unchecked Sendable {
    /// The nginx executable, looked up in `PATH` and `/usr/sbin`; `nil` when nginx is not installed.
    public static let nginxPath: String? = executable("nginx")
    /// The openssl executable; `nil` when openssl is not installed.
    public static let opensslPath: String? = executable("openssl")

    /// Whether tests that need nginx must run: in CI (`CI=true`) they run, and fail when nginx is missing.
    public static var isRequired: Bool {
        ["true", "1", "yes"].contains(ProcessInfo.processInfo.environment["CI"]?.lowercased() ?? "")
    }

    /// Whether nginx and openssl are installed, or CI requires the tests anyway (where a missing nginx is a failure).
    public static var shouldRun: Bool { (nginxPath != nil && opensslPath != nil) || isRequired }

    /// The port with the `127.0.0.1`/`localhost` certificate.
    public let port: UInt16
    /// The port whose certificate names only `wrong.example`.
    public let wrongHostPort: UInt16
    /// The private CA's certificate (PEM): trust it to reach this server.
    public let caBundlePath: String
    /// Another CA's certificate (PEM), which did not sign the server's certificates.
    public let otherCABundlePath: String
    /// The temporary folder with the keys, certificates, configuration and logs.
    public let folder: URL
    private let process: Process

    /// `https://127.0.0.1:<port>` with no trailing slash.
    public var baseURL: String { "https://127.0.0.1:\(port)" }

    /// Makes the CAs and certificates and starts nginx; throws with nginx's or openssl's own message when that fails.
    public init(upstream: LoopbackHTTPServer? = nil) throws {
        guard let nginx = Self.nginxPath else {
            throw NginxTLSServerError("nginx is not installed (apt-get install -y nginx)")
        }
        guard Self.opensslPath != nil else {
            throw NginxTLSServerError("openssl is not installed (apt-get install -y openssl)")
        }
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("cartable-nginx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        caBundlePath = folder.appendingPathComponent("ca.pem").path
        otherCABundlePath = folder.appendingPathComponent("other-ca.pem").path
        do {
            try Self.makeCertificates(in: folder)
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
        // A free port can be taken between our probe and nginx's bind; try a few times.
        var lastError: Error = NginxTLSServerError("nginx did not start")
        for _ in 0..<5 {
            let ports = (try Self.freePort(), try Self.freePort())
            let configuration = Self.configuration(ports: ports, upstream: upstream?.port)
            let configurationPath = folder.appendingPathComponent("nginx.conf").path
            try configuration.write(toFile: configurationPath, atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: nginx)
            process.arguments = ["-p", folder.path + "/", "-c", configurationPath, "-e", folder.appendingPathComponent("error.log").path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = try FileHandle(forWritingTo: Self.emptyFile(folder.appendingPathComponent("stderr.log")))
            process.standardInput = FileHandle.nullDevice
            try process.run()
            if Self.waitUntilListening(ports.0, process) && Self.waitUntilListening(ports.1, process) {
                self.process = process
                port = ports.0
                wrongHostPort = ports.1
                return
            }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            let log = (try? String(contentsOf: folder.appendingPathComponent("error.log"), encoding: .utf8)) ?? ""
            let stderr = (try? String(contentsOf: folder.appendingPathComponent("stderr.log"), encoding: .utf8)) ?? ""
            lastError = NginxTLSServerError("nginx did not start: \(stderr) \(log)")
        }
        try? FileManager.default.removeItem(at: folder)
        throw lastError
    }

    /// Starts the server on a thread of its own: making the certificates and waiting for nginx takes a moment, and
    /// must not hold one of the few threads Swift concurrency runs every test on (others' timing tests would stall).
    public static func start(upstream: LoopbackHTTPServer? = nil) async throws -> NginxTLSServer {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try NginxTLSServer(upstream: upstream) }) }.start()
        }
    }

    deinit {
        stop()
    }

    /// Stops nginx (and waits for it) and removes the folder. Safe to call twice.
    public func stop() {
        if process.isRunning {
            // SIGKILL, not SIGTERM: nginx inherits the test process's blocked signals (posix_spawn keeps the mask), and
            // a single-process nginx never unblocks them, so SIGTERM would wait forever. Nothing of it needs keeping.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: folder)
    }

    /// nginx in the foreground, one process (so it never switches to nginx's `user`), every path in `folder`.
    static func configuration(ports: (UInt16, UInt16), upstream: UInt16?) -> String {
        let answer = upstream.map { "proxy_pass http://127.0.0.1:\($0); proxy_http_version 1.1; proxy_set_header Connection \"\";" }
            ?? #"default_type application/json; return 200 '{"id":"tls-1"}';"#
        return """
            daemon off;
            master_process off;
            worker_processes 1;
            pid nginx.pid;
            error_log error.log warn;
            events { worker_connections 64; }
            http {
                # The connection's serial number first, then the protocol: tests count connections and versions.
                log_format cartable '$connection $server_protocol $request_method $request_uri $status';
                access_log access.log cartable;
                client_body_temp_path client_body;
                proxy_temp_path proxy;
                fastcgi_temp_path fastcgi;
                uwsgi_temp_path uwsgi;
                scgi_temp_path scgi;
                server {
                    listen 127.0.0.1:\(ports.0) ssl http2;
                    ssl_certificate server.pem;
                    ssl_certificate_key server.key;
                    location / { \(answer) }
                }
                server {
                    listen 127.0.0.1:\(ports.1) ssl http2;
                    ssl_certificate wrong-host.pem;
                    ssl_certificate_key wrong-host.key;
                    location / { \(answer) }
                }
            }

            """
    }

    /// A CA, a server certificate it signs for 127.0.0.1/localhost, one for wrong.example, and an unrelated CA.
    static func makeCertificates(in folder: URL) throws {
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
        func makeCA(_ name: String, _ subject: String) throws {
            try openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                         "-keyout", path("\(name).key"), "-out", path("\(name).pem"), "-days", "2", "-subj", subject,
                         "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"])
        }
        func makeServer(_ name: String, _ subject: String, _ alternativeNames: String) throws {
            try openssl(["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                         "-keyout", path("\(name).key"), "-out", path("\(name).csr"), "-subj", subject])
            let extensions = "subjectAltName=\(alternativeNames)\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n"
            try extensions.write(toFile: path("\(name).ext"), atomically: true, encoding: .utf8)
            try openssl(["x509", "-req", "-in", path("\(name).csr"), "-CA", path("ca.pem"), "-CAkey", path("ca.key"),
                         "-CAcreateserial", "-days", "2", "-extfile", path("\(name).ext"), "-out", path("\(name).pem")])
        }
        try makeCA("ca", "/CN=Cartable Test CA")
        try makeCA("other-ca", "/CN=Cartable Unrelated CA")
        try makeServer("server", "/CN=127.0.0.1", "IP:127.0.0.1,DNS:localhost")
        try makeServer("wrong-host", "/CN=wrong.example", "DNS:wrong.example")
    }

    private static func openssl(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: opensslPath ?? "/usr/bin/openssl")
        process.arguments = arguments
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw NginxTLSServerError("openssl \(arguments.prefix(2).joined(separator: " ")) failed: \(String(decoding: message, as: UTF8.self))")
        }
    }

    private static func emptyFile(_ url: URL) -> URL {
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        return url
    }

    /// Polls until a TCP connect to the port succeeds (nginx is up), nginx exits, or 10 s pass.
    private static func waitUntilListening(_ port: UInt16, _ process: Process) -> Bool {
        let deadline = Date() + 10
        while Date() < deadline {
            guard process.isRunning else { return false }
            if canConnect(port) { return true }
            usleep(20_000)
        }
        return false
    }

    private static func canConnect(_ port: UInt16) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = loopbackAddress(port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }

    /// A port the kernel says is free now (bound to port 0, read back, released).
    private static func freePort() throws -> UInt16 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw LoopbackServerError.socket(errno) }
        defer { close(descriptor) }
        var address = loopbackAddress(0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw LoopbackServerError.socket(errno) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        return UInt16(bigEndian: address.sin_port)
    }

    private static func loopbackAddress(_ port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    private static func executable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let folders = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/usr/bin", "/sbin"]
        return folders.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

/// Why the nginx TLS test server could not start.
public struct NginxTLSServerError: Error, CustomStringConvertible {
    /// What went wrong, with nginx's or openssl's message.
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
