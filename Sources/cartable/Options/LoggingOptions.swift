import ArgumentParser
import CartableServer
import Logging

/// `--log-level` and `--log-format`, for the commands that log (`serve`, `send`): what goes to standard error, and how.
struct LoggingOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The least severe log entries written to standard error: trace, debug, info, notice, warning, error or critical (serve: info; send: no log unless this or --log-format is given).",
        valueName: "level"))
    var logLevel: Level?

    @Option(name: .long, help: ArgumentHelp(
        "text (one readable line per entry) or json (one JSON object per line: time, level, label, message, metadata).",
        valueName: "format"))
    var logFormat: Format?

    /// swift-log's levels, as the option spells them.
    enum Level: String, ExpressibleByArgument, CaseIterable {
        case trace, debug, info, notice, warning, error, critical

        var level: Logger.Level { Logger.Level(rawValue: rawValue) ?? .info }
    }

    /// The two formats.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json

        var format: LogFormat { self == .json ? .json : .text }
    }

    /// Whether either option was given.
    var isGiven: Bool { logLevel != nil || logFormat != nil }

    /// Sends every logger of the process to standard error in the chosen format, at the chosen level (`info` and
    /// `text` unless given). Once per process, before the first logger is made.
    func bootstrap() {
        (logFormat ?? .text).format.bootstrap(level: logLevel?.level ?? .info)
    }
}
