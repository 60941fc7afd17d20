import Foundation
import Testing
@testable import Cartable

@Suite("channel settings")
struct ChannelSettingsTests {
    func temporaryFile(_ contents: String, mode: Int) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cartable-settings-\(UUID().uuidString).env").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(contents.utf8)))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    @Test("defaults: X at api.x.com, Bluesky at bsky.social, Mastodon visibility public")
    func defaults() throws {
        let settings = ChannelSettings(environment: [
            "CARTABLE_X_CONSUMER_KEY": "a", "CARTABLE_X_CONSUMER_SECRET": "b", "CARTABLE_X_ACCESS_TOKEN": "c", "CARTABLE_X_ACCESS_SECRET": "d",
            "CARTABLE_BLUESKY_HANDLE": "@moi.bsky.social", "CARTABLE_BLUESKY_APP_PASSWORD": "p",
            "CARTABLE_MASTODON_URL": "https://mastodon.social/", "CARTABLE_MASTODON_TOKEN": "t",
        ])
        #expect(try settings.x().api.urlString(path: "/2/tweets") == "https://api.x.com/2/tweets")
        #expect(try settings.bluesky().service.redactedDescription == "https://bsky.social")
        #expect(try settings.bluesky().handle == "moi.bsky.social")
        #expect(try settings.mastodon().visibility == "public")
        #expect(try settings.mastodon().instance.urlString(path: "/api/v1/statuses") == "https://mastodon.social/api/v1/statuses")
    }

    @Test("missing variables are all named; a bad visibility lists the allowed ones")
    func errors() {
        #expect(throws: ChannelConfigurationError.missingVariables(channel: "mastodon", names: ["CARTABLE_MASTODON_URL", "CARTABLE_MASTODON_TOKEN"])) {
            try ChannelSettings(environment: [:]).mastodon()
        }
        #expect(throws: ChannelConfigurationError.invalidValue(variable: "CARTABLE_MASTODON_VISIBILITY", allowed: MastodonSettings.visibilities)) {
            try ChannelSettings(environment: [
                "CARTABLE_MASTODON_URL": "https://m.example", "CARTABLE_MASTODON_TOKEN": "t", "CARTABLE_MASTODON_VISIBILITY": "everyone",
            ]).mastodon()
        }
        #expect(throws: ChannelConfigurationError.unknownChannel("fax")) { try BuiltInChannel.descriptor(named: "fax") }
    }

    @Test("CARTABLE_CA_BUNDLE: unset is the system's CA; from the environment or the settings file; an unreadable file is named")
    func caBundle() throws {
        #expect(try ChannelSettings(environment: [:]).caBundlePath() == nil)
        let bundle = try temporaryFile("-----BEGIN CERTIFICATE-----\n", mode: 0o644)
        defer { try? FileManager.default.removeItem(atPath: bundle) }
        #expect(try ChannelSettings(environment: ["CARTABLE_CA_BUNDLE": bundle]).caBundlePath() == bundle)
        let settingsFile = try temporaryFile("CARTABLE_CA_BUNDLE=\(bundle)\n", mode: 0o600)
        defer { try? FileManager.default.removeItem(atPath: settingsFile) }
        #expect(try ChannelSettings.load(environment: [:], settingsFile: settingsFile).caBundlePath() == bundle)
        #expect(ChannelSettings(environment: ["CARTABLE_CA_BUNDLE": bundle]).description.contains("CARTABLE_CA_BUNDLE=\(bundle)"))
        let missing = bundle + ".missing"
        #expect(throws: ChannelConfigurationError.unreadableFile(path: missing, problem: "the CA bundle named by CARTABLE_CA_BUNDLE cannot be read")) {
            try ChannelSettings(environment: ["CARTABLE_CA_BUNDLE": missing]).caBundlePath()
        }
    }

    @Test("a settings file readable by others is refused")
    func unsafeFile() throws {
        let path = try temporaryFile("CARTABLE_MASTODON_TOKEN=t\n", mode: 0o644)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: ChannelConfigurationError.unsafePermissions(path: path, mode: "644")) {
            try ChannelSettings.load(environment: [:], settingsFile: path)
        }
    }

    @Test("a settings file that is a link is judged by its target, and the error says so (issue 17, item 16)")
    func linkedFile() throws {
        let target = try temporaryFile("CARTABLE_MASTODON_TOKEN=t\n", mode: 0o644)
        let link = target + ".link"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        defer {
            try? FileManager.default.removeItem(atPath: link)
            try? FileManager.default.removeItem(atPath: target)
        }
        let resolved = URL(fileURLWithPath: target).resolvingSymlinksInPath().path
        #expect(throws: ChannelConfigurationError.unsafeLinkTarget(path: link, target: resolved, mode: "644")) {
            try ChannelSettings.load(environment: [:], settingsFile: link)
        }
        #expect(ChannelConfigurationError.unsafeLinkTarget(path: link, target: resolved, mode: "644").description
            .contains("is a link to \(resolved), which holds secrets but has mode 644; run `chmod 600 \(resolved)`"))
        chmod(target, 0o600)
        let settings = try ChannelSettings.load(environment: [:], settingsFile: link)
        #expect(settings.description.contains("CARTABLE_MASTODON_TOKEN=<redacted>"))
        #expect(throws: ChannelConfigurationError.unreadableFile(path: "/dev/null", problem: "is not a regular file")) {
            try ChannelSettings.load(environment: [:], settingsFile: "/dev/null")
        }
    }

    @Test("a private settings file is read (comments, export, quotes), and the environment wins")
    func privateFile() throws {
        let path = try temporaryFile("""
            # Cartable channels
            export CARTABLE_MASTODON_URL="https://file.example"
            CARTABLE_MASTODON_TOKEN='from-file'
            CARTABLE_WEBHOOK_URL = https://hooks.example/x

            """, mode: 0o600)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let settings = try ChannelSettings.load(environment: ["CARTABLE_MASTODON_URL": "https://env.example"], settingsFile: path)
        #expect(try settings.mastodon().instance.redactedDescription == "https://env.example")
        #expect(try settings.mastodon().accessToken.reveal() == "from-file")
        #expect(try settings.webhook().endpoint.urlString(path: "") == "https://hooks.example/x")
    }

    @Test("a malformed line names the line")
    func malformedFile() throws {
        let path = try temporaryFile("CARTABLE_MASTODON_TOKEN=t\njust words\n", mode: 0o600)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: ChannelConfigurationError.unreadableFile(path: path, problem: "line 2: expected KEY=value")) {
            try ChannelSettings.load(environment: [:], settingsFile: path)
        }
    }

    @Test("Secret redacts itself in text")
    func secretRedaction() {
        let secret = Secret("s3cr3t-value")
        #expect(secret.redact(in: "Bearer s3cr3t-value, again s3cr3t-value") == "Bearer <redacted>, again <redacted>")
        #expect("\(secret)" == "<redacted>")
        #expect(String(reflecting: secret) == "<redacted>")
    }
}
