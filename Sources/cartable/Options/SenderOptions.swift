import ArgumentParser
import Cartable
import CartableCurl
import Foundation

/// `--settings` and `--timeout`, shared by the commands that post (`send`, `write`): where the channels' settings
/// come from, and how the senders are set up over libcurl.
struct SenderOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A KEY=value file of CARTABLE_* channel settings (mode 600); the environment wins.", valueName: "file"))
    var settings: String?

    @Option(name: .long, help: ArgumentHelp("The longest a post request may take, in seconds.", valueName: "seconds"))
    var timeout: Double = 30

    func validate() throws {
        guard timeout > 0 else { throw ValidationError("--timeout must be more than 0 seconds") }
    }

    /// The senders of `channels` over one libcurl transport, their settings read from the environment and
    /// `--settings`; an unreadable or unsafe settings file is printed and exits 2.
    /// - Parameter concurrency: how many requests may be in flight (sizes the connection pool).
    func senders(
        for channels: [ChannelDescriptor], concurrency: Int? = nil, rate: RateLimit? = nil,
        dryRunOutput: DryRunSender.Output = .standardOutput
    ) throws -> SenderSet {
        let channelSettings: ChannelSettings
        var configuration = CurlTransport.Configuration()
        do {
            channelSettings = try settings.map { try ChannelSettings.load(settingsFile: $0) } ?? ChannelSettings()
            configuration.caBundlePath = try channelSettings.caBundlePath()
        } catch {
            Terminal.printError("\(error)")
            throw ExitCode(2)
        }
        configuration.requestTimeout = .milliseconds(Int(timeout * 1000))
        if let concurrency {
            configuration.maxConnectionsPerHost = max(concurrency, 1)
            configuration.maxCachedConnections = max(concurrency * 2, 64)
        }
        return SenderSet(
            channels: channels, settings: channelSettings, transport: CurlTransport(configuration: configuration), rate: rate,
            dryRunOutput: dryRunOutput)
    }
}
