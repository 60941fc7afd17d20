/// One HTTP/1.1 request as the loopback server read it off the socket.
public struct LoopbackRequest: Sendable {
    /// The method, e.g. `POST`.
    public var method: String
    /// The request target as sent: a path with its query (`/2/tweets?x=1`), or an absolute URL when sent to a proxy.
    public var target: String
    /// Header fields in the order received; names keep the sender's spelling.
    public var headers: [(name: String, value: String)]
    /// The body bytes (from `Content-Length`).
    public var body: [UInt8]
    /// Which accepted connection carried the request (1 for the first), so tests can see keep-alive at work.
    public var connectionID: Int

    /// The target's path without its query.
    public var path: String {
        String(target.prefix { $0 != "?" })
    }

    /// The query string's `name=value` pairs, still percent-encoded.
    public var rawQueryItems: [(name: String, value: String)] {
        guard let mark = target.firstIndex(of: "?") else { return [] }
        return LoopbackForm.pairs(String(target[target.index(after: mark)...]))
    }

    /// The body as UTF-8 text (invalid bytes replaced).
    public var bodyText: String {
        String(decoding: body, as: UTF8.self)
    }

    /// The first value of a header field, compared case-insensitively.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }
}

/// `application/x-www-form-urlencoded` and query-string parsing, kept separate from percent-decoding.
public enum LoopbackForm {
    /// The `name=value` pairs of a query or form body, not decoded.
    public static func pairs(_ encoded: String) -> [(name: String, value: String)] {
        encoded.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
        }
    }

    /// Percent-decodes `%XX` (and `+` as a space, as forms allow); `nil` when an escape is malformed or not UTF-8.
    public static func decode(_ encoded: String) -> String? {
        var bytes: [UInt8] = []
        var iterator = Array(encoded.utf8).makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"):
                bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    return nil
                }
                bytes.append(high << 4 | low)
            default:
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// Decoded form fields; later duplicates win.
    public static func fields(_ encoded: String) -> [String: String] {
        var fields: [String: String] = [:]
        for (name, value) in pairs(encoded) {
            if let name = decode(name), let value = decode(value) {
                fields[name] = value
            }
        }
        return fields
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
