import Foundation

/// What a sender hides from every message it builds from a platform's answer, and the one place such a message is cut
/// to length: first every secret is replaced by `<redacted>`, then the text is cut, so no cut can leave part of a
/// secret behind.
///
/// A secret is recognised in every form it may have been sent in and echoed back: as it is, percent-encoded (any
/// character, either case of hex, as OAuth 1.0a headers and query strings carry it; `+` for a space), JSON-escaped
/// (`\/`, `\"`), and base64-encoded at any alignment (standard or URL alphabet), as Basic authentication or a debug
/// dump would show it. A webhook URL's path and query are secrets too (``init(_:hiding:)``).
public struct Redaction: Sendable {
    /// How many characters of a platform's words a message keeps.
    public static let messageLimit = 300

    /// Every form of every secret, longest secret first (so that a secret containing another is hidden whole),
    /// compiled once; `nil` when there is nothing to hide.
    private let expression: NSRegularExpression?

    /// Hides `secrets`. A secret shorter than four characters is ignored: it would mangle ordinary words.
    public init(_ secrets: [Secret]) {
        let hidden: Set<String> = Set(secrets.map { $0.reveal() }.filter { $0.count >= 4 })
        let values: [String] = hidden.sorted { $0.count > $1.count || ($0.count == $1.count && $0 < $1) }
        let pattern: String = values.flatMap(Self.patterns(for:)).joined(separator: "|")
        expression = values.isEmpty ? nil : try? NSRegularExpression(pattern: pattern)
    }

    /// Hides `secrets` and the path and query of `endpoint` (a webhook URL's, where receivers keep their token): the
    /// whole path, the whole query, each query value and each path segment of eight characters or more.
    public init(_ secrets: [Secret], hiding endpoint: HTTPEndpoint) {
        self.init(secrets + endpoint.secretParts.map(Secret.init))
    }

    /// `text` with every form of every secret replaced by `<redacted>`, not cut.
    public func hide(in text: String) -> String {
        guard let expression, !text.isEmpty else { return text }
        let range = NSRange(text.startIndex..., in: text)
        return expression.stringByReplacingMatches(in: text, range: range, withTemplate: "<redacted>")
    }

    /// A message for people: `text` with the secrets hidden, on one line, then cut to ``messageLimit`` characters
    /// (and `…`).
    public func message(_ text: String) -> String {
        Self.clip(hide(in: text))
    }

    /// `text` on one line and cut to the limit; only for text that holds no secret (already hidden).
    static func clip(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "\r", with: " ")
        return flat.count > messageLimit ? String(flat.prefix(messageLimit)) + "…" : flat
    }

    // MARK: The forms of a secret

    /// The regular expressions that match `value` in any of its forms.
    static func patterns(for value: String) -> [String] {
        [encodingTolerant(value)] + base64Cores(of: value).map(NSRegularExpression.escapedPattern(for:))
    }

    /// A pattern matching `value` with each character as it is, percent-encoded (`%2B`, `%2b`), JSON-escaped where
    /// JSON may escape it, or `+` for a space.
    static func encodingTolerant(_ value: String) -> String {
        value.map { character -> String in
            var forms = [NSRegularExpression.escapedPattern(for: String(character))]
            let bytes = Array(String(character).utf8)
            forms.append(bytes.map { byte in
                let hex = String(byte, radix: 16, uppercase: true)
                let padded = hex.count == 1 ? "0" + hex : hex
                return "%" + padded.map { $0.isLetter ? "[\($0)\($0.lowercased())]" : String($0) }.joined()
            }.joined())
            switch character {
            case " ": forms.append("\\+")
            case "/": forms.append("\\\\/")
            case "\"": forms.append("\\\\\"")
            case "\\": forms.append("\\\\\\\\")
            default: break
            }
            return "(?:" + forms.joined(separator: "|") + ")"
        }.joined()
    }

    /// The parts of the base64 encoding of `value` that depend on `value` alone, for each of the three alignments it
    /// may have inside a longer encoded text (as `user:password` in Basic authentication), in the standard and the
    /// URL alphabet. Cores shorter than eight characters are left out.
    static func base64Cores(of value: String) -> [String] {
        let bytes = Array(value.utf8)
        var cores: [String] = []
        for offset in 0..<3 {
            let encoded = Data(Array(repeating: 0, count: offset) + bytes).base64EncodedString()
            let characters = Array(encoded)
            // Character i holds bits 6i..<6i+6 of the padded input; the value's bits are 8·offset..<8·(offset+count).
            let first = (8 * offset + 5) / 6
            let end = (8 * (offset + bytes.count)) / 6
            guard end - first >= 8 else { continue }
            let core = String(characters[first..<end])
            cores.append(core)
            let urlSafe = core.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            if urlSafe != core { cores.append(urlSafe) }
        }
        return cores
    }
}

extension HTTPEndpoint {
    /// What in this URL may be a secret (a webhook's token): the path, the query, each query value, and each path
    /// segment of eight characters or more, percent-decoded.
    var secretParts: [String] {
        let path = basePath
        var parts: [String] = []
        if !path.isEmpty, path != "/" { parts.append(PercentEncoding.decode(path) ?? path) }
        for segment in path.split(separator: "/") where segment.count >= 8 {
            parts.append(PercentEncoding.decode(String(segment)) ?? String(segment))
        }
        if let query = baseQuery, !query.isEmpty {
            parts.append(query)
            for item in query.split(separator: "&") {
                let value = item.split(separator: "=", maxSplits: 1).dropFirst().first.map(String.init) ?? String(item)
                parts.append(PercentEncoding.decode(value) ?? value)
            }
        }
        return parts
    }
}
