import Foundation

/// The channels' settings, read from `CARTABLE_*` environment variables and optionally a settings file
/// (`KEY=value` lines) that must not be readable by group or others. The environment wins over the file.
///
/// Its `description` lists which variables are set and shows secrets as `<redacted>`, so it is safe to print.
/// Each channel's accessor (``webhook()``, ``mastodon()``, ``x()``, ``bluesky()``) validates only what that channel
/// needs, and its error names the missing variables.
public struct ChannelSettings: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Every variable Cartable reads for its channels, with whether it is a secret.
    public static let variables: [(name: String, isSecret: Bool)] = [
        ("CARTABLE_WEBHOOK_URL", false), ("CARTABLE_WEBHOOK_SECRET", true),
        ("CARTABLE_MASTODON_URL", false), ("CARTABLE_MASTODON_TOKEN", true), ("CARTABLE_MASTODON_VISIBILITY", false),
        ("CARTABLE_X_API_URL", false), ("CARTABLE_X_CONSUMER_KEY", true), ("CARTABLE_X_CONSUMER_SECRET", true),
        ("CARTABLE_X_ACCESS_TOKEN", true), ("CARTABLE_X_ACCESS_SECRET", true),
        ("CARTABLE_BLUESKY_URL", false), ("CARTABLE_BLUESKY_HANDLE", false), ("CARTABLE_BLUESKY_APP_PASSWORD", true),
        ("CARTABLE_CA_BUNDLE", false),
    ]

    private let values: [String: String]

    /// Settings from an environment (by default the process's), keeping only the known `CARTABLE_*` variables.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let known = Set(Self.variables.map(\.name))
        values = environment.filter { known.contains($0.key) && !$0.value.isEmpty }
    }

    /// Settings from a file of `KEY=value` lines (`#` comments, optional quotes) overlaid by the environment.
    /// Refuses a file that group or others may read or write, since it holds secrets.
    public static func load(
        environment: [String: String] = ProcessInfo.processInfo.environment, settingsFile path: String
    ) throws(ChannelConfigurationError) -> ChannelSettings {
        // The mode that matters is the file's, not a link's (always 777, and chmod cannot change it): `stat` follows
        // links, `lstat` says whether there was one, to name the file the remedy is about.
        var file = stat(), entry = stat()
        guard stat(path, &file) == 0, lstat(path, &entry) == 0 else {
            throw .unreadableFile(path: path, problem: FileManager.default.fileExists(atPath: path) ? "cannot be read" : "does not exist")
        }
        let isLink = entry.st_mode & S_IFMT == S_IFLNK
        let target = isLink ? (URL(fileURLWithPath: path).resolvingSymlinksInPath().path) : path
        guard file.st_mode & S_IFMT == S_IFREG else {
            throw .unreadableFile(path: path, problem: isLink ? "is a link to \(target), which is not a regular file" : "is not a regular file")
        }
        let mode = Int(file.st_mode & 0o777)
        guard mode & 0o077 == 0 else {
            if isLink { throw .unsafeLinkTarget(path: path, target: target, mode: String(mode, radix: 8)) }
            throw .unsafePermissions(path: path, mode: String(mode, radix: 8))
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw .unreadableFile(path: path, problem: "cannot be read as UTF-8 text")
        }
        var fromFile: [String: String] = [:]
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces.union(["\r"]))
            if line.isEmpty || line.hasPrefix("#") { continue }
            let assignment = line.hasPrefix("export ") ? String(line.dropFirst(7)) : line
            guard let equals = assignment.firstIndex(of: "=") else {
                throw .unreadableFile(path: path, problem: "line \(index + 1): expected KEY=value")
            }
            let key = assignment[..<equals].trimmingCharacters(in: .whitespaces)
            var value = assignment[assignment.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            }
            fromFile[key] = value
        }
        return ChannelSettings(environment: fromFile.merging(environment.filter { !$0.value.isEmpty }) { _, environment in environment })
    }

    /// The webhook channel's settings: `CARTABLE_WEBHOOK_URL` and optionally `CARTABLE_WEBHOOK_SECRET`.
    public func webhook() throws(ChannelConfigurationError) -> WebhookSettings {
        try require(channel: "webhook", ["CARTABLE_WEBHOOK_URL"])
        return WebhookSettings(
            endpoint: try endpoint("CARTABLE_WEBHOOK_URL", default: nil),
            secret: values["CARTABLE_WEBHOOK_SECRET"].map(Secret.init)
        )
    }

    /// The Mastodon channel's settings: instance URL, access token, and visibility (default `public`).
    public func mastodon() throws(ChannelConfigurationError) -> MastodonSettings {
        try require(channel: "mastodon", ["CARTABLE_MASTODON_URL", "CARTABLE_MASTODON_TOKEN"])
        let visibility = values["CARTABLE_MASTODON_VISIBILITY"] ?? "public"
        guard MastodonSettings.visibilities.contains(visibility) else {
            throw .invalidValue(variable: "CARTABLE_MASTODON_VISIBILITY", allowed: MastodonSettings.visibilities)
        }
        return MastodonSettings(
            instance: try endpoint("CARTABLE_MASTODON_URL", default: nil),
            accessToken: secret("CARTABLE_MASTODON_TOKEN"),
            visibility: visibility
        )
    }

    /// The X channel's settings: the four OAuth 1.0a credentials and the API URL (default `https://api.x.com`).
    public func x() throws(ChannelConfigurationError) -> XSettings {
        try require(channel: "x", [
            "CARTABLE_X_CONSUMER_KEY", "CARTABLE_X_CONSUMER_SECRET", "CARTABLE_X_ACCESS_TOKEN", "CARTABLE_X_ACCESS_SECRET",
        ])
        return XSettings(
            api: try endpoint("CARTABLE_X_API_URL", default: "https://api.x.com"),
            credentials: OAuth1Credentials(
                consumerKey: secret("CARTABLE_X_CONSUMER_KEY"), consumerSecret: secret("CARTABLE_X_CONSUMER_SECRET"),
                token: secret("CARTABLE_X_ACCESS_TOKEN"), tokenSecret: secret("CARTABLE_X_ACCESS_SECRET")
            )
        )
    }

    /// The Bluesky channel's settings: handle, app password and PDS URL (default `https://bsky.social`).
    public func bluesky() throws(ChannelConfigurationError) -> BlueskySettings {
        try require(channel: "bluesky", ["CARTABLE_BLUESKY_HANDLE", "CARTABLE_BLUESKY_APP_PASSWORD"])
        let handle = values["CARTABLE_BLUESKY_HANDLE"] ?? ""
        return BlueskySettings(
            service: try endpoint("CARTABLE_BLUESKY_URL", default: "https://bsky.social"),
            handle: handle.hasPrefix("@") ? String(handle.dropFirst()) : handle,
            appPassword: secret("CARTABLE_BLUESKY_APP_PASSWORD")
        )
    }

    /// `CARTABLE_CA_BUNDLE`: a PEM file of CA certificates to trust instead of the system's (a private or test CA),
    /// for every channel; `nil` when unset. Fails when the file cannot be read, before any request is made.
    public func caBundlePath() throws(ChannelConfigurationError) -> String? {
        guard let path = values["CARTABLE_CA_BUNDLE"] else { return nil }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw .unreadableFile(path: path, problem: "the CA bundle named by CARTABLE_CA_BUNDLE cannot be read")
        }
        return path
    }

    /// One line per known variable: `NAME=value` for plain ones, `NAME=<redacted>` for secrets, `NAME unset` otherwise.
    /// URLs show only scheme and host (a webhook URL's path is often a secret).
    public var description: String {
        Self.variables.map { name, isSecret in
            guard let value = values[name] else { return "\(name) unset" }
            if isSecret { return "\(name)=<redacted>" }
            if name.hasSuffix("_URL") {
                let shown = (try? HTTPEndpoint(string: value)).map { "\($0.redactedDescription)/…" } ?? "<invalid URL>"
                return "\(name)=\(shown)"
            }
            return "\(name)=\(value)"
        }.joined(separator: "\n")
    }

    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["summary": description], displayStyle: .struct) }

    private func require(channel: String, _ names: [String]) throws(ChannelConfigurationError) {
        let missing = names.filter { values[$0] == nil }
        guard missing.isEmpty else { throw .missingVariables(channel: channel, names: missing) }
    }

    private func secret(_ name: String) -> Secret {
        Secret(values[name] ?? "")
    }

    private func endpoint(_ name: String, default fallback: String?) throws(ChannelConfigurationError) -> HTTPEndpoint {
        let text = values[name] ?? fallback ?? ""
        do {
            return try HTTPEndpoint(string: text)
        } catch {
            throw .invalidURL(variable: name, problem: error.description)
        }
    }
}
