import Cartable
@testable import CartableCurl
import Foundation
import HTTPTypes
import LoopbackHTTPServer
import Testing

/// CurlTransport against a real TLS server: nginx with HTTP/2 and a private CA, both made by each test.
/// Outside CI these are skipped (with this reason) when nginx is missing; in CI (`CI=true`) they always run.
@Suite(
    "CurlTransport over TLS (nginx)", .serialized,
    .enabled(if: NginxTLSServer.shouldRun, "nginx or openssl is not installed (apt-get install -y nginx openssl; make test installs them)"))
struct CurlTLSTests {
    static func transport(caBundlePath: String?, prefersHTTP2: Bool = true) -> CurlTransport {
        CurlTransportTests.transport { configuration in
            configuration.caBundlePath = caBundlePath
            configuration.prefersHTTP2 = prefersHTTP2
        }
    }

    static func request(_ method: HTTPRequest.Method = .post, host: String = "127.0.0.1", port: UInt16, path: String = "/hook")
        -> HTTPRequest
    {
        HTTPRequest(method: method, scheme: "https", authority: "\(host):\(port)", path: path, headerFields: [.contentType: "application/json"])
    }

    static func failure(_ transport: CurlTransport, _ request: HTTPRequest) async -> HTTPTransportError? {
        do {
            let response = try await transport.send(request, body: Data(#"{"text":"Bonjour"}"#.utf8))
            Issue.record("expected a TLS failure, got HTTP \(response.status.code)")
            return nil
        } catch {
            return error
        }
    }

    /// The requests nginx logged: a request refused during the handshake never gets a line.
    static func accessLog(_ server: NginxTLSServer) -> [Substring] {
        let text = (try? String(contentsOf: server.folder.appendingPathComponent("access.log"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n")
    }

    @Test("a certificate from the trusted CA is accepted, and HTTP/2 is used when the server offers it")
    func trustedCAOverHTTP2() async throws {
        let server = try await NginxTLSServer.start()
        defer { server.stop() }
        let transport = Self.transport(caBundlePath: server.caBundlePath)
        let response = try await transport.send(Self.request(port: server.port), body: Data("{}".utf8))
        #expect(response.status == .ok)
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"id":"tls-1"}"#)
        #expect(response.httpVersion == .http2)
        // The name in the certificate's subjectAltName works as well as the IP address.
        let byName = try await transport.send(Self.request(.get, host: "localhost", port: server.port), body: nil)
        #expect(byName.status == .ok)
        #expect(byName.httpVersion == .http2)
        #expect(Self.accessLog(server).allSatisfy { $0.contains("HTTP/2.0") })
    }

    @Test("HTTP/1.1 when HTTP/2 is not asked for")
    func http1WhenNotPreferred() async throws {
        let server = try await NginxTLSServer.start()
        defer { server.stop() }
        let response = try await Self.transport(caBundlePath: server.caBundlePath, prefersHTTP2: false)
            .send(Self.request(port: server.port), body: Data("{}".utf8))
        #expect(response.status == .ok)
        #expect(response.httpVersion == .http1_1)
    }

    @Test("concurrent requests over HTTP/2 share connections (multiplexed)")
    func multiplexed() async throws {
        let server = try await NginxTLSServer.start()
        defer { server.stop() }
        let transport = Self.transport(caBundlePath: server.caBundlePath)
        _ = try await transport.send(Self.request(port: server.port), body: Data("{}".utf8))  // opens the connection
        let versions = try await withThrowingTaskGroup(of: HTTPTransportResponse.Version?.self) { group in
            for _ in 0..<20 {
                group.addTask { try await transport.send(Self.request(port: server.port), body: Data("{}".utf8)).httpVersion }
            }
            return try await group.reduce(into: [HTTPTransportResponse.Version?]()) { $0.append($1) }
        }
        #expect(versions.count == 20 && versions.allSatisfy { $0 == .http2 })
        let connections = Set(Self.accessLog(server).compactMap { $0.split(separator: " ").first })
        #expect(Self.accessLog(server).count == 21)
        #expect(connections.count <= 2, "21 requests over \(connections.count) connections")
    }

    @Test("a certificate from an unknown CA fails the handshake: a TLS failure naming the problem, nothing sent")
    func unknownCA() async throws {
        let server = try await NginxTLSServer.start()
        defer { server.stop() }
        for caBundlePath in [nil, server.otherCABundlePath] {
            let error = try #require(await Self.failure(Self.transport(caBundlePath: caBundlePath), Self.request(port: server.port)))
            #expect(error.reason == .tlsFailed)
            #expect(error.mayHaveReachedServer == false)
            #expect(error.detail.contains("certificate"), "\(error.detail)")
            #expect(error.description.contains("did not reach the server"))
        }
        #expect(Self.accessLog(server).isEmpty, "nginx saw no request")
    }

    @Test("a certificate for another host name is refused, even from the trusted CA")
    func hostnameMismatch() async throws {
        let server = try await NginxTLSServer.start()
        defer { server.stop() }
        let error = try #require(await Self.failure(Self.transport(caBundlePath: server.caBundlePath), Self.request(port: server.wrongHostPort)))
        #expect(error.reason == .tlsFailed)
        #expect(error.mayHaveReachedServer == false)
        #expect(error.detail.contains("127.0.0.1"), "\(error.detail)")
        #expect(Self.accessLog(server).isEmpty, "nginx saw no request")
    }

    @Test("a CA bundle that does not exist is a TLS failure before anything is sent")
    func missingCABundle() async throws {
        let server = try await NginxTLSServer.start()
        defer { server.stop() }
        let missing = server.folder.appendingPathComponent("no-such-ca.pem").path
        let error = try #require(await Self.failure(Self.transport(caBundlePath: missing), Self.request(port: server.port)))
        #expect(error.reason == .tlsFailed)
        #expect(error.mayHaveReachedServer == false)
    }

    @Test("the webhook channel over TLS: delivered through nginx with the CA trusted; untrusted, a transient failure that never left")
    func webhookOverTLS() async throws {
        let received = Locked<[LoopbackRequest]>([])
        let upstream = try LoopbackHTTPServer { request in
            received.withLock { $0.append(request) }
            return .respond(.json(201, #"{"id":"hook-7","url":"https://example.org/7"}"#))
        }
        defer { upstream.stop() }
        let server = try await NginxTLSServer.start(upstream: upstream)
        defer { server.stop() }
        let settings = try ChannelSettings(environment: [
            "CARTABLE_WEBHOOK_URL": server.baseURL + "/hook", "CARTABLE_WEBHOOK_SECRET": "s3cret",
        ]).webhook()
        let outgoing = message("Bonjour ✨", supporter: "tls", channel: .webhook, handle: "depute1")

        let untrusted = await WebhookSender(settings: settings, transport: Self.transport(caBundlePath: nil)).send(outgoing)
        guard case .transientFailure(let text, let mayHaveReachedServer) = untrusted else {
            Issue.record("expected a transient failure, got \(untrusted)")
            return
        }
        #expect(mayHaveReachedServer == false)
        #expect(text.contains("certificate") && text.contains("did not reach the server"), "\(text)")
        #expect(received.withLock { $0.isEmpty })

        let trusted = await WebhookSender(settings: settings, transport: Self.transport(caBundlePath: server.caBundlePath)).send(outgoing)
        #expect(trusted == .delivered(postID: "hook-7", postURL: "https://example.org/7"))
        let requests = received.withLock { $0 }
        #expect(requests.count == 1)
        #expect(requests.first?.header("Idempotency-Key") == outgoing.idempotencyKey.rawValue)
        #expect(requests.first?.header(WebhookSignature.signatureField.rawName) != nil)
        #expect(requests.first?.bodyText.contains("Bonjour ✨") == true)
    }
}
