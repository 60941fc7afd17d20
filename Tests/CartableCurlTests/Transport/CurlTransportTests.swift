import Cartable
@testable import CartableCurl
import Foundation
import HTTPTypes
import LoopbackHTTPServer
import Testing

/// CurlTransport against a real HTTP server on 127.0.0.1, started by each test.
@Suite("CurlTransport over loopback")
struct CurlTransportTests {
    static func transport(timeout: Duration = .seconds(5), configure: (inout CurlTransport.Configuration) -> Void = { _ in })
        -> CurlTransport
    {
        var configuration = CurlTransport.Configuration()
        configuration.requestTimeout = timeout
        configuration.connectTimeout = .seconds(2)
        configuration.proxy = .disabled  // a developer's http_proxy must not reroute loopback tests
        configure(&configuration)
        return CurlTransport(configuration: configuration)
    }

    func request(_ server: LoopbackHTTPServer, _ method: HTTPRequest.Method = .post, path: String = "/echo",
                 fields: HTTPFields = [:], scheme: String = "http") -> HTTPRequest {
        HTTPRequest(method: method, scheme: scheme, authority: "127.0.0.1:\(server.port)", path: path, headerFields: fields)
    }

    func failure(_ transport: CurlTransport, _ request: HTTPRequest, body: Data? = Data("{}".utf8)) async -> HTTPTransportError? {
        do {
            let response = try await transport.send(request, body: body)
            Issue.record("expected a transport error, got HTTP \(response.status.code)")
            return nil
        } catch {
            return error
        }
    }

    @Test("a POST arrives with its headers and body; status, headers and body come back")
    func roundTrip() async throws {
        let received = Locked<LoopbackRequest?>(nil)
        let server = try LoopbackHTTPServer { request in
            received.withLock { $0 = request }
            return .respond(.json(201, #"{"ok":true}"#, headers: [("x-rate-limit-reset", "1700000000"), ("Set-Cookie", "a=1"), ("Set-Cookie", "b=2")]))
        }
        defer { server.stop() }
        let body = Data(#"{"text":"Député·e ✨"}"#.utf8)
        let response = try await Self.transport().send(
            request(server, path: "/hook?x=1", fields: [.contentType: "application/json", .idempotencyKey: "k-1"]), body: body)
        #expect(response.status.code == 201)
        #expect(response.status.reasonPhrase == "Created")
        #expect(response.headerValue("X-Rate-Limit-Reset") == "1700000000")
        #expect(response.headerFields[values: .setCookie] == ["a=1", "b=2"])
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"ok":true}"#)
        let seen = try #require(received.withLock { $0 })
        #expect(seen.method == "POST")
        #expect(seen.target == "/hook?x=1")
        #expect(seen.header("Idempotency-Key") == "k-1")
        #expect(seen.header("Content-Type") == "application/json")
        #expect(seen.header("Expect") == nil)
        #expect(Data(seen.body) == body)
    }

    @Test("sequential requests reuse one connection (keep-alive)")
    func keepAlive() async throws {
        let server = try LoopbackHTTPServer { _ in .respond(.json(200, "{}")) }
        defer { server.stop() }
        let transport = Self.transport()
        for _ in 0..<20 {
            let response = try await transport.send(request(server), body: Data("{}".utf8))
            #expect(response.status == .ok)
        }
        #expect(server.requestCount == 20)
        #expect(server.connectionCount == 1)
    }

    @Test("many requests in flight at once are served concurrently, without a thread each")
    func concurrency() async throws {
        // Counted at the server, so the result does not depend on how busy the test process's threads are.
        let inFlight = Locked((now: 0, peak: 0))
        let server = try LoopbackHTTPServer { _ in
            inFlight.withLock { $0.now += 1; $0.peak = max($0.peak, $0.now) }
            Thread.sleep(forTimeInterval: 1)
            inFlight.withLock { $0.now -= 1 }
            return .respond(.json(200, "{}"))
        }
        defer { server.stop() }
        let transport = Self.transport()
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<16 {
                group.addTask { try await transport.send(self.request(server), body: Data("{}".utf8)).status.code }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses == Array(repeating: 200, count: 16))
        #expect(inFlight.withLock { $0.peak } >= 8, "requests were serialised: at most \(inFlight.withLock { $0.peak }) at once")
    }

    @Test("4xx and 5xx are answers, returned rather than thrown")
    func errorStatusesAreReturned() async throws {
        let server = try LoopbackHTTPServer { request in
            request.path == "/limited"
                ? .respond(.json(429, #"{"error":"slow down"}"#, headers: [("Retry-After", "7")]))
                : .respond(.json(500, #"{"error":"boom"}"#))
        }
        defer { server.stop() }
        let transport = Self.transport()
        let limited = try await transport.send(request(server, path: "/limited"), body: nil)
        #expect(limited.status.code == 429)
        #expect(limited.headerFields[.retryAfter] == "7")
        #expect(try await transport.send(request(server, path: "/boom"), body: nil).status.code == 500)
    }

    @Test("a refused connection did not reach the server")
    func refused() async throws {
        let server = try LoopbackHTTPServer { _ in .respond(.json(200, "{}")) }
        let closedRequest = request(server)
        server.stop()
        try await Task.sleep(for: .milliseconds(50))
        let error = try #require(await failure(Self.transport(), closedRequest))
        #expect(error.reason == .connectionFailed)
        #expect(!error.mayHaveReachedServer)
        #expect(error.description.contains("did not reach the server"))
    }

    @Test("a server too slow to answer trips the timeout, and the request may have reached it")
    func timeout() async throws {
        let server = try LoopbackHTTPServer { _ in .respondAfter(.seconds(2), .json(200, "{}")) }
        defer { server.stop() }
        // Without the timeout this would be a 200 after 2 s, so the error itself shows that the timeout fired.
        let error = try #require(await failure(Self.transport(timeout: .milliseconds(300)), request(server)))
        #expect(error.reason == .timedOut)
        #expect(error.mayHaveReachedServer)
        #expect(server.requestCount == 1)
    }

    @Test("a connection dropped before the answer: the request may have reached the server")
    func dropped() async throws {
        let server = try LoopbackHTTPServer { _ in .dropConnection }
        defer { server.stop() }
        let error = try #require(await failure(Self.transport(), request(server)))
        #expect(error.reason == .connectionLost)
        #expect(error.mayHaveReachedServer)
    }

    @Test("a POST is never redirected; a GET follows the redirect")
    func redirects() async throws {
        let server = try LoopbackHTTPServer { request in
            request.path == "/moved"
                ? .respond(LoopbackResponse(status: 302, headers: [("Location", "/target")]))
                : .respond(.json(200, #"{"at":"\#(request.path)","method":"\#(request.method)"}"#))
        }
        defer { server.stop() }
        let transport = Self.transport()
        let post = try await transport.send(request(server, .post, path: "/moved"), body: Data("{}".utf8))
        #expect(post.status.code == 302)
        #expect(server.requestCount == 1)
        let get = try await transport.send(request(server, .get, path: "/moved"), body: nil)
        #expect(get.status.code == 200)
        #expect(String(decoding: get.body, as: UTF8.self) == #"{"at":"/target","method":"GET"}"#)
    }

    @Test("only http and https: other schemes fail before anything is sent")
    func schemes() async throws {
        let server = try LoopbackHTTPServer { _ in .respond(.json(200, "{}")) }
        defer { server.stop() }
        for scheme in ["ftp", "file", "gopher"] {
            let error = try #require(await failure(Self.transport(), request(server, scheme: scheme)))
            #expect(error.reason == .invalidRequest)
            #expect(!error.mayHaveReachedServer)
        }
        #expect(server.connectionCount == 0)
    }

    @Test("https to a plain-HTTP server fails in the TLS handshake: no HTTP request was sent")
    func tlsFailure() async throws {
        let server = try LoopbackHTTPServer { _ in .respond(.json(200, "{}")) }
        defer { server.stop() }
        let error = try #require(await failure(Self.transport(), request(server, scheme: "https")))
        #expect(error.reason == .tlsFailed)
        #expect(!error.mayHaveReachedServer)
        #expect(server.requestCount == 0)
    }

    @Test("cancelling the task stops its transfer at once")
    func cancellation() async throws {
        let server = try LoopbackHTTPServer { _ in .respondAfter(.seconds(30), .json(200, "{}")) }
        defer { server.stop() }
        let transport = Self.transport(timeout: .seconds(60))
        let slowRequest = request(server)
        let task = Task { () -> HTTPTransportError? in
            do throws(HTTPTransportError) {
                _ = try await transport.send(slowRequest, body: Data("{}".utf8))
                return nil
            } catch {
                return error
            }
        }
        // Cancelled once the server has the request (a fixed pause was too short for a loaded machine: the request
        // had not left yet, and the error rightly said it had not reached the server).
        let deadline = ContinuousClock.now + .seconds(30)
        while server.requestCount == 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        #expect(server.requestCount == 1)
        let started = ContinuousClock.now
        task.cancel()
        let error = try #require(await task.value)
        // The server answers after 30 s: a task that ends well before, with a cancellation, was stopped by the cancel.
        // The bound is wide because a loaded parallel test run (2 cores) may delay the task's resumption by seconds.
        #expect(ContinuousClock.now - started < .seconds(15))
        #expect(error.reason == .cancelled)
        #expect(error.mayHaveReachedServer)
    }

    @Test("an already-cancelled task sends nothing")
    func cancelledBeforeStart() async throws {
        let server = try LoopbackHTTPServer { _ in .respond(.json(200, "{}")) }
        defer { server.stop() }
        let transport = Self.transport()
        let task = Task { () -> HTTPTransportError? in
            while !Task.isCancelled { await Task.yield() }
            do throws(HTTPTransportError) {
                _ = try await transport.send(self.request(server), body: nil)
                return nil
            } catch {
                return error
            }
        }
        task.cancel()
        let error = try #require(await task.value)
        #expect(error.reason == .cancelled)
        #expect(!error.mayHaveReachedServer)
        #expect(server.requestCount == 0)
    }

    @Test("a configured proxy receives the request in absolute form")
    func proxy() async throws {
        let proxy = try LoopbackHTTPServer { request in .respond(.json(200, #"{"proxied":"\#(request.target)"}"#)) }
        defer { proxy.stop() }
        let transport = Self.transport { $0.proxy = .url(proxy.baseURL) }
        let viaProxy = HTTPRequest(method: .get, scheme: "http", authority: "origin.test", path: "/status?id=1")
        let response = try await transport.send(viaProxy, body: nil)
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"proxied":"http://origin.test/status?id=1"}"#)
    }

    @Test("a body over the limit fails as too large")
    func responseLimit() async throws {
        let server = try LoopbackHTTPServer { _ in .respond(LoopbackResponse(status: 200, body: Array(repeating: 65, count: 50_000))) }
        defer { server.stop() }
        let transport = Self.transport { $0.maxResponseBodyBytes = 10_000 }
        let error = try #require(await failure(transport, request(server, .get), body: nil))
        #expect(error.reason == .responseTooLarge)
        #expect(error.mayHaveReachedServer)
    }

    @Test("PUT with a body and HEAD use the right method")
    func otherMethods() async throws {
        let server = try LoopbackHTTPServer { request in
            .respond(LoopbackResponse(status: 200, headers: [("X-Method", request.method), ("X-Length", "\(request.body.count)")]))
        }
        defer { server.stop() }
        let transport = Self.transport()
        let put = try await transport.send(request(server, .put), body: Data("abc".utf8))
        #expect(put.headerValue("X-Method") == "PUT")
        #expect(put.headerValue("X-Length") == "3")
        let head = try await transport.send(request(server, .head), body: nil)
        #expect(head.headerValue("X-Method") == "HEAD")
    }
}
