import Foundation

/// The human-readable error a platform put in a response body, for failure messages. Whole: the sender's
/// ``Redaction`` hides its secrets first, then cuts it to length.
enum PlatformMessage {
    /// How much of a body that is not JSON is read (far more than a message keeps, so that a secret is hidden whole
    /// before the message is cut).
    private static let rawLimit = 64 * 1024

    /// `HTTP <status>: <message>`, where the message comes from the JSON body's usual error fields
    /// (`detail`, `message`, `error_description`, `error`, `title`, or the first of `errors[]`), else the body's text.
    static func describe(_ response: HTTPTransportResponse) -> String {
        let status = "HTTP \(response.status.code)"
        guard let message = extract(from: response.body) else { return status }
        return "\(status): \(message)"
    }

    static func extract(from body: Data) -> String? {
        if let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any], let message = message(in: object) {
            return message
        }
        let text = String(decoding: body.prefix(rawLimit), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    private static func message(in object: [String: Any]) -> String? {
        // Bluesky answers {"error":"ExpiredToken","message":"Token has expired"}: keep both.
        if let error = object["error"] as? String, let text = object["message"] as? String {
            return "\(error): \(text)"
        }
        for key in ["detail", "message", "error_description", "error", "title"] {
            if let text = object[key] as? String, !text.isEmpty { return text }
        }
        if let errors = object["errors"] as? [[String: Any]], let first = errors.first {
            return message(in: first)
        }
        return nil
    }
}
