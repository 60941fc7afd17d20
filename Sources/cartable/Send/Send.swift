import ArgumentParser
import Cartable
import CartableServer
import Foundation
import Logging

/// `cartable send`: drain the outbox through the channels' senders.
struct Send: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "Send the queued messages that are due, with progress.",
        discussion: """
            Claims due messages under a lease and posts them, many at once (--concurrency), keeping each account's \
            rate limit (paused until the reset time on a 429, the other channels go on), each campaign's \
            per-recipient caps and sending hours (the dry-run channel posts nothing, so they do not hold it back), \
            and retrying failures with exponential backoff and full jitter until --max-attempts, then marking the \
            message dead with the reason. A message whose sender died is sent again with the same idempotency key.

            If the outbox goes out of reach while it runs (a PostgreSQL server restarting, the network cut), it \
            says so once, finishes the requests in flight, reconnects with backoff and goes on; nothing is lost or \
            sent twice. Other outbox errors (a full disk, a schema error) stop it (exit 2).

            Without --until-empty or --watch it stops when nothing more is due now. Ctrl-C finishes the requests \
            in flight, records them and exits (status 130); a second Ctrl-C exits at once.

            With --log-level or --log-format it logs to standard error (text or JSON lines): one line per delivery \
            outcome (message id, campaign, recipient, channel, outcome, reason), pauses and outages; the notes it \
            would print there otherwise are left out. With --watch and --metrics-port, Prometheus metrics are served \
            at http://METRICS-HOST:PORT/metrics (printed on standard error as `metrics on URL`); see \
            docs/operations.md.

            Exit status: 0 done, 1 some messages died in this run, 2 bad usage, unusable settings or outbox, \
            130 interrupted.
            """
    )

    @Option(name: .long, help: ArgumentHelp("Send only this channel's messages.", valueName: "channel"))
    var via: ChannelDescriptor?

    @Option(name: .long, help: "At most this many requests in flight.")
    var concurrency = 8

    @Flag(name: .long, help: "Keep going until every message is sent, dead or cancelled (waits through retries, pauses and closed hours).")
    var untilEmpty = false

    @Flag(name: .long, help: "Keep sending what gets queued, until Ctrl-C.")
    var watch = false

    @Option(name: .long, help: "Output: text (progress line on a terminal, then a summary) or jsonl (one JSON event per line).")
    var format: SendFormat = .text

    @Option(name: .long, help: ArgumentHelp("Each account's posting limit instead of the channel's default, e.g. 50/s, 300/5m, 100/24h.", valueName: "limit"))
    var rate: String?

    @Option(name: .long, help: "Attempts before a message is dead (rate-limited answers do not count).")
    var maxAttempts = 8

    @Option(name: .long, help: ArgumentHelp("Backoff after the first failed attempt, in seconds; doubles after each.", valueName: "seconds"))
    var backoff: Double = 2

    @Option(name: .long, help: ArgumentHelp("The longest backoff, in seconds.", valueName: "seconds"))
    var maxBackoff: Double = 600

    @Option(name: .long, help: ArgumentHelp("How long a claim holds a message, in seconds (longer than --timeout); renewed every third of it while the message is being sent.", valueName: "seconds"))
    var lease: Double = 120

    @Option(name: .long, help: ArgumentHelp("Where the dry-run channel writes its JSON lines (default: standard output).", valueName: "file"))
    var dryRunOutput: String?

    @Option(name: .long, help: "full: every commit is synced to disk (default); normal: faster, a power cut may undo the last second.")
    var durability: DurabilityOption = .full

    @OptionGroup var senderOptions: SenderOptions

    @OptionGroup var outboxOptions: OutboxOptions

    @OptionGroup var loggingOptions: LoggingOptions

    @OptionGroup var metricsOptions: MetricsOptions

    enum SendFormat: String, ExpressibleByArgument, CaseIterable {
        case text
        case jsonl
    }

    func validate() throws {
        guard concurrency >= 1, concurrency <= 1024 else { throw ValidationError("--concurrency must be between 1 and 1024") }
        guard !(untilEmpty && watch) else { throw ValidationError("choose --until-empty or --watch, not both") }
        guard maxAttempts >= 1 else { throw ValidationError("--max-attempts must be at least 1") }
        guard backoff >= 0, maxBackoff >= backoff else { throw ValidationError("--backoff must be at least 0 and at most --max-backoff") }
        guard lease > senderOptions.timeout else { throw ValidationError("--lease must be longer than --timeout (a request must end before its lease)") }
        if let rate, RateLimit(parsing: rate) == nil { throw ValidationError("--rate must look like 50/s, 300/5m or 100/24h") }
        if metricsOptions.metricsPort != nil, !watch { throw ValidationError("--metrics-port needs --watch (a worker that keeps running)") }
    }

    func run() async throws {
        if loggingOptions.isGiven { loggingOptions.bootstrap() }
        let outbox: any Outbox
        do {
            outbox = try outboxOptions.open(.readWrite, durability: durability.value)
        } catch let failure as OutboxFailure {
            throw failure.report()
        }
        let wanted = try await channelsToServe(in: outbox)
        let senderSet = try senderOptions.senders(
            for: wanted, concurrency: concurrency, rate: rate.flatMap(RateLimit.init(parsing:)),
            dryRunOutput: dryRunOutput.map { .file(path: $0) } ?? .standardOutput)
        for unavailable in senderSet.unavailable {
            if via != nil {
                Terminal.printError(unavailable.problem.description)
                throw ExitCode(2)
            }
            Terminal.printNote("cartable: warning: \(unavailable.channel.name): \(unavailable.problem.description); its messages stay queued")
        }
        if senderSet.senders.isEmpty {
            if wanted.isEmpty {
                if format == .text { print("nothing to send") }
                return
            }
            Terminal.printError("no channel can be sent: set the variables named above (see docs/channels.md)")
            throw ExitCode(2)
        }

        var configuration = DispatcherConfiguration()
        configuration.concurrency = concurrency
        configuration.leaseDuration = lease
        configuration.retryPolicy = RetryPolicy(maxAttempts: maxAttempts, baseDelay: backoff, maxDelay: maxBackoff)
        configuration.mode = watch ? .watch : untilEmpty ? .untilEmpty : .dueNow

        // With a log, the log says on standard error what the notes would: no notes, no progress line between its lines.
        let logging = loggingOptions.isGiven
        let reporter = SendReporter(style: format == .jsonl ? .jsonl : .text,
                                    isTerminal: !logging && (Terminal.colors(onStandardOutput: false) || isatty(STDERR_FILENO) == 1),
                                    notes: !logging)
        let log = logging ? DispatchLog(logger: Logger(label: "cartable.send")) : nil
        let metrics = metricsOptions.metricsPort == nil ? nil : CartableMetrics()
        let trap = InterruptTrap { }
        let dispatcher = Dispatcher(
            outbox: outbox, senders: senderSet.senders, limiter: senderSet.limiter, configuration: configuration,
            events: { event in
                reporter.handle(event)
                log?.log(event)
                metrics?.record(event)
            })
        let progress: DispatchProgress
        do {
            if let metrics, let port = metricsOptions.metricsPort {
                progress = try await MetricsWorker(metrics: metrics, outbox: outbox, options: metricsOptions)
                    .whileListening(port: port) { () async throws(OutboxError) -> DispatchProgress in try await dispatcher.run(stop: trap.stop) }
            } else {
                progress = try await dispatcher.run(stop: trap.stop)
            }
        } catch let error as OutboxError {
            reporter.finish()
            throw OutboxFailure(error).report()
        }
        reporter.finish()
        reporter.finished(progress, interrupted: trap.wasInterrupted)
        if format == .text {
            let duplicates = progress.duplicates > 0 ? " (\(progress.duplicates) already on the platform)" : ""
            let rateText = String(format: "%.1f", progress.rate)
            // Of what is left, the messages a pause holds: they wait for `cartable resume`, not for this sender.
            var held = ""
            if progress.remaining > 0, let paused = try? await outbox.backlog(channels: Set(senderSet.senders.map(\.channel.name))).paused, paused > 0 {
                held = " (\(paused) held by a paused campaign: cartable status names it)"
            }
            print("sent \(progress.sent)\(duplicates), retried \(progress.retried), dead \(progress.dead); \(progress.remaining) not final yet\(held); "
                + "\(String(format: "%.1f", progress.elapsed)) s, \(rateText) messages/s")
        }
        if trap.wasInterrupted { throw ExitCode(130) }
        if progress.dead > 0 { throw ExitCode(1) }
    }

    /// The channels to serve: --via, or every channel that has messages waiting (rows a stopped sender left in flight
    /// are taken back first, so they count as waiting). A channel this build does not know is named, its rows left
    /// queued.
    private func channelsToServe(in outbox: any Outbox) async throws -> [ChannelDescriptor] {
        if let via { return [via] }
        let waiting: [String]
        do {
            try await outbox.recoverExpiredLeases(now: Date(), maxAttempts: maxAttempts, sparing: nil)
            waiting = try await outbox.backlog(channels: nil).waitingChannels.sorted()
        } catch {
            throw OutboxFailure(error, path: outbox.location, doing: "reading the outbox").report()
        }
        return waiting.compactMap { name in
            do throws(ChannelConfigurationError) {
                return try BuiltInChannel.descriptor(named: name)
            } catch {
                Terminal.printNote("cartable: warning: \(name): \(error.description); its messages stay queued")
                return nil
            }
        }
    }
}
