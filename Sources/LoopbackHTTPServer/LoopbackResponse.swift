/// What the loopback server writes back for one request.
public struct LoopbackResponse: Sendable {
    /// The status code, e.g. 200.
    public var status: Int
    /// Extra header fields; `Content-Length` is added by the server.
    public var headers: [(name: String, value: String)]
    /// The body bytes.
    public var body: [UInt8]

    /// A response with the given status, headers and body.
    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON response: `Content-Type: application/json` and the given text as body.
    public static func json(_ status: Int, _ json: String, headers: [(name: String, value: String)] = []) -> LoopbackResponse {
        LoopbackResponse(status: status, headers: [("Content-Type", "application/json")] + headers, body: Array(json.utf8))
    }
}

/// How the server answers one request: the knobs a transport test turns.
public enum LoopbackReply: Sendable {
    /// Answer at once.
    case respond(LoopbackResponse)
    /// Answer after a pause, to trip a client's timeout.
    case respondAfter(Duration, LoopbackResponse)
    /// Close the connection without answering, as a crashed server or a cut network would.
    case dropConnection
}
