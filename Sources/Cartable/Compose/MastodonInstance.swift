import Foundation

/// A Mastodon instance whose `/share` page posts for its users: `https://piaille.fr`.
public struct MastodonInstance: Sendable, Hashable, CustomStringConvertible {
    /// The instance's address, `https://` and a host, without a trailing `/`.
    public let baseURL: String

    /// Reads an instance as people write it: `piaille.fr`, `https://piaille.fr/`, `https://piaille.fr/@someone`.
    /// `nil` when it is not a host name (a scheme other than http or https, spaces, nothing left).
    public init?(_ written: String) {
        var rest = Substring(written.trimmingCharacters(in: .whitespaces))
        var scheme = "https://"
        if let range = rest.range(of: "://") {
            let given = rest[..<range.lowerBound].lowercased()
            guard given == "https" || given == "http" else { return nil }
            scheme = given + "://"
            rest = rest[range.upperBound...]
        }
        let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }.lowercased()
        let allowed = host.unicodeScalars.allSatisfy {
            ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "." || $0 == "-" || $0 == ":"
        }
        guard !host.isEmpty, allowed, host.contains("."), !host.hasPrefix("."), !host.hasSuffix(".") else { return nil }
        baseURL = scheme + host
    }

    /// `https://instance/share?text=`.
    public var sharePrefix: String { baseURL + "/share?text=" }

    /// The instance's address, as ``baseURL``.
    public var description: String { baseURL }
}
