import Foundation

/// Reads a handle as data sources write it, and says whether it is valid on its platform, was repaired, or must
/// be rejected.
///
/// Sources write handles with or without `@`, as profile links, with the platform's name in front (`@X@Name`,
/// `@X : x.com/Name`), with stray spaces or line breaks. A value is repaired only when exactly one handle can be
/// meant; anything else (`@Romain Eskenazi`: `RomainEskenazi`? `Romain_Eskenazi`?) is rejected, never guessed.
public enum Handle {
    /// What reading a raw value gave.
    public enum Reading: Sendable, Hashable {
        /// The field was empty: no handle.
        case none
        /// A valid handle, in canonical form (no `@`; `user@instance` on Mastodon; lowercase domain on Bluesky).
        case valid(String)
        /// A valid handle obtained by an unambiguous repair, with what was done.
        case repaired(String, repair: String)
        /// Not a handle, with the reason.
        case rejected(reason: String)

        /// The handle, when there is one.
        public var handle: String? {
            switch self {
            case .valid(let handle), .repaired(let handle, _): handle
            case .none, .rejected: nil
            }
        }
    }

    /// Reads `raw` as a handle on `channel`.
    public static func read(_ raw: String, on channel: Channel) -> Reading {
        var repairs: [String] = []
        var value = raw
        let trimmed = value.trimmedOfWhitespace
        if trimmed != value {
            repairs.append(value.contains(where: \.isNewline) ? "removed a line break" : "removed surrounding spaces")
            value = trimmed
        }
        if value.isEmpty { return .none }
        let result: Result<String, Rejection>
        switch channel {
        case .twitter: result = readTwitter(value, repairs: &repairs)
        case .mastodon: result = readMastodon(value, repairs: &repairs)
        case .bluesky: result = readBluesky(value, repairs: &repairs)
        case .webhook: return .none
        }
        switch result {
        case .success(let handle):
            return repairs.isEmpty ? .valid(handle) : .repaired(handle, repair: repairs.joined(separator: ", "))
        case .failure(let rejection):
            return .rejected(reason: rejection.reason)
        }
    }

    /// How a handle is written in a message to mention its owner: `@name`, `@user@instance`, `@name.bsky.social`.
    public static func mention(_ handle: String, on channel: Channel) -> String {
        "@" + handle
    }

    struct Rejection: Error {
        var reason: String
    }

    // MARK: X

    /// X handles: 1 to 15 ASCII letters, digits or underscores.
    public static func isValidTwitter(_ handle: String) -> Bool {
        // Any byte outside ASCII fails the test too, so counting bytes counts scalars. On the bytes: a list of a
        // million recipients checks a million handles.
        handle.withUTF8Bytes { bytes in
            guard (1...15).contains(bytes.count) else { return false }
            for byte in bytes where !isTwitterHandleByte(byte) { return false }
            return true
        }
    }

    /// An ASCII letter, digit or underscore: what an X handle is made of.
    private static func isTwitterHandleByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
            true
        default:
            false
        }
    }

    private static let twitterLabel = try! NSRegularExpression(pattern: #"^@?(?:x|twitter)\s*[@:]\s*(?=\S)"#, options: [.caseInsensitive])
    private static let twitterLink = try! NSRegularExpression(
        pattern: #"^@?(?:https?://)?(?:www\.|mobile\.)?(?:x|twitter)\.com/@?([^/?#\s]*)[/?#]?.*$"#, options: [.caseInsensitive])

    private static func readTwitter(_ raw: String, repairs: inout [String]) -> Result<String, Rejection> {
        // Most values are already a handle, with or without `@`: no label or link to look for.
        let bare = raw.hasPrefix("@") ? String(raw.dropFirst()) : raw
        if isValidTwitter(bare) { return .success(bare) }
        var value = raw
        if let match = twitterLabel.firstMatch(in: value, range: NSRange(value.startIndex..., in: value)),
           let range = Range(match.range, in: value) {
            repairs.append("removed the platform label '\(value[range].trimmingCharacters(in: .whitespaces))'")
            value = String(value[range.upperBound...])
        }
        if let match = twitterLink.firstMatch(in: value, range: NSRange(value.startIndex..., in: value)),
           let range = Range(match.range(at: 1), in: value) {
            repairs.append("took the handle from the profile link '\(value)'")
            value = String(value[range])
        }
        if value.hasPrefix("@") { value.removeFirst() }
        if isValidTwitter(value) { return .success(value) }
        return .failure(Rejection(reason: twitterRejection(value, raw: raw)))
    }

    private static func twitterRejection(_ value: String, raw: String) -> String {
        if value.isEmpty { return "'\(raw)' holds no handle" }
        if value.contains(where: \.isWhitespace) {
            return "'\(raw)' contains a space, so it is not one X handle and which account is meant cannot be told"
        }
        if value.unicodeScalars.count > 15 { return "'\(raw)' is longer than the 15 characters an X handle can have" }
        let bad = value.unicodeScalars.first { $0.value >= 0x80 || !isTwitterHandleByte(UInt8($0.value)) }.map { String($0) } ?? "?"
        return "'\(raw)' contains '\(bad)'; X handles have only letters, digits and '_'"
    }

    // MARK: Mastodon

    private static let mastodonLink = try! NSRegularExpression(
        pattern: #"^(?:https?://)([A-Za-z0-9.-]+\.[A-Za-z]{2,})/@([A-Za-z0-9_.-]+)/?$"#)
    private static let mastodonAccount = try! NSRegularExpression(
        pattern: #"^([A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?)@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})$"#)

    private static func readMastodon(_ raw: String, repairs: inout [String]) -> Result<String, Rejection> {
        var value = raw
        if let match = mastodonLink.firstMatch(in: value, range: NSRange(value.startIndex..., in: value)),
           let host = Range(match.range(at: 1), in: value), let user = Range(match.range(at: 2), in: value) {
            repairs.append("took the account from the profile link '\(value)'")
            value = "\(value[user])@\(value[host])"
        }
        if value.hasPrefix("@") { value.removeFirst() }
        guard let match = mastodonAccount.firstMatch(in: value, range: NSRange(value.startIndex..., in: value)),
              let user = Range(match.range(at: 1), in: value), let host = Range(match.range(at: 2), in: value)
        else {
            return .failure(Rejection(reason: "'\(raw)' is not a Mastodon account of the form user@instance"))
        }
        return .success("\(value[user])@\(value[host].lowercased())")
    }

    // MARK: Bluesky

    private static let blueskyLink = try! NSRegularExpression(
        pattern: #"^(?:https?://)?bsky\.app/profile/([^/?#\s]+)/?$"#, options: [.caseInsensitive])
    private static let blueskyHandle = try! NSRegularExpression(
        pattern: #"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$"#)

    private static func readBluesky(_ raw: String, repairs: inout [String]) -> Result<String, Rejection> {
        var value = raw
        if let match = blueskyLink.firstMatch(in: value, range: NSRange(value.startIndex..., in: value)),
           let range = Range(match.range(at: 1), in: value) {
            repairs.append("took the handle from the profile link '\(value)'")
            value = String(value[range])
        }
        if value.hasPrefix("@") { value.removeFirst() }
        let lowered = value.lowercased()
        guard lowered.utf8.count <= 253,
              blueskyHandle.firstMatch(in: lowered, range: NSRange(lowered.startIndex..., in: lowered)) != nil
        else {
            return .failure(Rejection(reason: "'\(raw)' is not a Bluesky handle (a domain name such as name.bsky.social)"))
        }
        return .success(lowered)
    }
}
