import Cartable
import Foundation
import LoopbackHTTPServer

/// Shared pieces of the fake platforms: JSON answers, bearer tokens, an independent RFC 3986 encoder.
enum Fake {
    static func json(_ status: Int, _ object: Any, headers: [(name: String, value: String)] = []) -> LoopbackReply {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return .respond(LoopbackResponse(status: status, headers: [("Content-Type", "application/json")] + headers, body: Array(data)))
    }

    static func bodyObject(_ request: LoopbackRequest) -> [String: Any]? {
        try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any]
    }

    static func bearer(_ request: LoopbackRequest) -> String? {
        guard let header = request.header("Authorization"), header.hasPrefix("Bearer ") else { return nil }
        return String(header.dropFirst(7))
    }

    /// RFC 3986 encoding written independently of Cartable's, with Foundation's character sets.
    static func percentEncode(_ text: String) -> String {
        var allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

/// A message with defaults for the fields a test does not care about; `supporter` makes its key
/// (`retraites-2026/SUPPORTER/PA1234/CHANNEL`) distinct or the same as another's.
func message(
    _ text: String, supporter: String = UUID().uuidString, channel: ChannelDescriptor, handle: String? = nil, language: String? = "fr"
) -> Cartable.OutgoingMessage {
    Cartable.OutgoingMessage(
        idempotencyKey: IdempotencyKey(campaign: "retraites-2026", supporter: supporter, recipient: "PA1234", channel: channel),
        text: text, recipientHandle: handle, variant: "a", language: language)
}

