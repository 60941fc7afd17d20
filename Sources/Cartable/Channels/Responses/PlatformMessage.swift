import Foundation

/// The human-readable error a platform put in a response body, for failure messages.
enum PlatformMessage {
    private static let limit = 300

    /// `HTTP <status>: <message>`, where the message comes from the JSON body's usual error fields
    /// (`detail`, `message`, `error_description`, `error`, `title`, or the first of `errors[]`), else the body's text.
    static func describe(_ response: HTTPTransportResponse) -> String {
        let status = "HTTP \(response.status.code)"
        guard let message = extract(from: response.body) else { return status }
        return "\(status): \(message)"
    }

    static func extract(from body: Data) -> String? {
        if let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any], let message = message(in: object) {
            return clip(message)
        }
        let text = String(decoding: body.prefix(limit * 4), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : clip(text)
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

    private static func clip(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        return flat.count > limit ? String(flat.prefix(limit)) + "…" : flat
    }
}
