import Cartable
import Foundation
import HTTPTypes

/// An ``HTTPTransport`` that answers with the responses it was given, in order, and records every request with its
/// body; once they run out it fails as a lost connection. Lets a fuzz target drive a real sender with any answers.
public final class ScriptedTransport: HTTPTransport, @unchecked Sendable {
    // Guards both arrays: a sender may call from several tasks.
    private let lock = NSLock()
    private var answers: [HTTPTransportResponse]
    private var recorded: [(request: HTTPRequest, body: Data?)] = []

    /// A transport that gives `answers` one per request.
    public init(answers: [HTTPTransportResponse] = []) {
        self.answers = answers
    }

    /// The requests made so far, with their bodies.
    public var requests: [(request: HTTPRequest, body: Data?)] { lock.withLock { recorded } }

    public func send(_ request: HTTPRequest, body: Data?) async throws(HTTPTransportError) -> HTTPTransportResponse {
        let answer: HTTPTransportResponse? = lock.withLock {
            recorded.append((request, body))
            return answers.isEmpty ? nil : answers.removeFirst()
        }
        guard let answer else {
            throw HTTPTransportError(reason: .connectionLost, mayHaveReachedServer: true, detail: "no more scripted answers")
        }
        return answer
    }
}

extension FuzzInput {
    /// A response: a status from 100 to 599, up to 7 header fields (`name:value` pieces), and a body piece.
    public mutating func response() -> HTTPTransportResponse {
        let status = 100 + (Int(byte()) << 8 | Int(byte())) % 500
        var fields = HTTPFields()
        for _ in 0..<(byte() % 8) {
            let line = text()
            let parts = line.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, let name = HTTPField.Name(String(parts[0])) else { continue }
            fields.append(HTTPField(name: name, value: String(parts[1])))
        }
        let head = HTTPResponse(status: .init(code: status), headerFields: fields)
        return HTTPTransportResponse(head: head, body: Data(piece()))
    }
}
