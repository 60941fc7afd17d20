import ArgumentParser
import Cartable
import CartableServer
import Foundation
import Logging
import ServiceLifecycle

/// `cartable serve`: the supporters' web page for the campaigns given, until Ctrl-C or SIGTERM.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the supporters' web page: find a deputy, read the message, post it or send it.",
        discussion: """
            Serves every campaign given: / lists them, each lives under /c/CAMPAIGN-ID/. The pages work without \
            JavaScript; a small script of our own adds the live length counter and search as you type. A JSON \
            API is served beside them (/openapi.json describes it). The campaign's `web:` keys say what the page \
            shows and allows (intro, send_through_campaign, embed_origins, limits); see docs/serve.md.

            Prints `listening on http://HOST:PORT` once it accepts connections (--port 0 picks a free port and \
            prints it). Ctrl-C or SIGTERM stop it gracefully: requests in flight finish, then the outbox is \
            closed. The log goes to standard error (--log-level, --log-format text|json): one line per request \
            (method, path, route, status, time; no cookies, no query strings) and one per delivery outcome.

            With --metrics-port, Prometheus metrics are served at http://METRICS-HOST:PORT/metrics (printed as \
            `metrics on URL`), on a listener of their own, never on the supporters' page; see docs/operations.md.

            Campaigns with `web: {send_through_campaign: true}` send through the campaign's account, with the \
            sender --via names (default: the campaign's platform), its settings from the environment or \
            --settings, as `cartable write --via` does; a missing setting stops serve before it listens (exit 2). \
            A supporter's send is answered once it is in the outbox (many share one transaction); a sender \
            inside serve posts the queued messages of those channels afterwards, as `cartable send --watch` does.

            The organiser's live dashboard lives at /admin/c/CAMPAIGN-ID/ when CARTABLE_ADMIN_TOKEN is set in             serve's environment (the token to log in with; see docs/dashboard.md); without it the dashboard is off.

            Exit status: 0 stopped by a signal, 2 bad usage, an unreadable campaign or outbox, missing channel \
            settings, or an address it cannot listen on.
            """
    )

    @Argument(help: "The campaign files (YAML) to serve.")
    var campaigns: [String]

    @Option(name: .long, help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(name: .long, help: "The port to listen on (0: any free port, printed).")
    var port = 8080

    @Option(name: .long, help: ArgumentHelp(
        "The page's public address behind a TLS proxy (https://write.example.org): forms must come from its origin; https makes cookies Secure.",
        valueName: "url"))
    var publicURL: String?

    @Flag(name: .long, help: "Take the client's address from the last X-Forwarded-For entry (only behind a proxy that sets it).")
    var trustForwardedFor = false

    @Option(name: .long, help: ArgumentHelp(
        "The sender for campaigns that send through their account (default: the campaign's platform).", valueName: "channel"))
    var via: ChannelDescriptor?

    @OptionGroup var senderOptions: SenderOptions

    @OptionGroup var campaignAccess: CampaignAccessOptions

    @OptionGroup var outboxOptions: OutboxOptions

    @OptionGroup var loggingOptions: LoggingOptions

    @OptionGroup var metricsOptions: MetricsOptions

    func validate() throws {
        guard !campaigns.isEmpty else { throw ValidationError("give at least one campaign file") }
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        if let publicURL {
            guard let url = URL(string: publicURL), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
                  url.host?.isEmpty == false else {
                throw ValidationError("--public-url must be an http or https address, e.g. https://write.example.org")
            }
        }
        guard senderOptions.timeout <= 600 else { throw ValidationError("--timeout must be between 0 and 600 seconds") }
    }

    func run() async throws {
        loggingOptions.bootstrap()
        let audiences = try campaigns.map(loadAudience)
        var seen: [String: String] = [:]
        for (path, audience) in zip(campaigns, audiences) {
            if let first = seen[audience.campaign.id] {
                Terminal.printError("\(path) has the id '\(audience.campaign.id)' of \(first): each served campaign needs its own id")
                throw ExitCode(2)
            }
            seen[audience.campaign.id] = path
        }
        let (senders, accounts) = try makeSenders(for: audiences)
        let outbox: any Outbox
        do {
            outbox = try outboxOptions.open(.createIfMissing)
        } catch let failure as OutboxFailure {
            throw failure.report()
        }
        let served = audiences.map { ServedCampaign(audience: $0, sender: senders[$0.campaign.id]) }
        let options = SiteOptions(publicURL: publicURL.flatMap(URL.init(string:)), trustForwardedFor: trustForwardedFor,
                                  adminToken: ProcessInfo.processInfo.environment["CARTABLE_ADMIN_TOKEN"])
        let metrics = CartableMetrics()
        let site = SupportersSite(campaigns: served, outbox: outbox, options: options, accounts: accounts, logger: Logger(label: "cartable.serve"),
                                  metrics: metrics)
        var alongside: [any Service] = []
        if let metricsPort = metricsOptions.metricsPort {
            let listener = MetricsListener(metrics: metrics, outbox: outbox, campaigns: served.map(\.id),
                                           targeted: Dictionary(served.map { ($0.id, $0.audience.targets.count) }, uniquingKeysWith: { first, _ in first }))
            let metricsOptions = metricsOptions
            alongside.append(listener.application(host: metricsOptions.metricsHost, port: metricsPort) { port in
                FileHandleOutput.standardOutput("metrics on \(metricsOptions.address(port: port))\n")
            })
        }
        let host = host
        let app = site.application(host: host, port: port, alongside: alongside) { port in
            let shown = host.contains(":") ? "[\(host)]" : host
            FileHandleOutput.standardOutput("listening on http://\(shown):\(port)\n")
        }
        do {
            try await app.runService()
        } catch {
            Terminal.printError("cannot serve on \(host):\(port): \(error)")
            throw ExitCode(2)
        }
    }

    /// The campaign, its list and its targets; exits 2 when it cannot be read or has errors.
    private func loadAudience(_ path: String) throws -> CampaignAudience {
        let campaign: Campaign
        do {
            campaign = try CampaignInput.load(path, toBe: "served", access: campaignAccess.access)
        } catch {
            throw ExitCode(2)
        }
        let (audience, diagnostics) = CampaignAudience.load(campaign)
        Terminal.printDiagnostics(diagnostics.errors)
        guard let audience else { throw ExitCode(2) }
        return audience
    }

    /// One sender per campaign that sends through its account, set up as `write --via` sets its sender up, and the
    /// sending accounts' token buckets the server's sender keeps.
    private func makeSenders(for audiences: [CampaignAudience]) throws -> (senders: [String: any MessageSender], accounts: AccountLimiter) {
        var channels: [String: ChannelDescriptor] = [:]
        for audience in audiences where audience.campaign.web.sendThroughCampaign {
            let campaign = audience.campaign
            let channel = via ?? BuiltInChannel.platformSender(for: campaign.channel)
            guard channel.canSend(messagesFor: campaign.channel) else {
                Terminal.printError("\(campaign.id) is written for \(campaign.channel.displayName): --via \(channel.name) cannot post it; "
                    + "use --via \(BuiltInChannel.platformSender(for: campaign.channel).name) (or webhook, dry-run)")
                throw ExitCode(2)
            }
            channels[campaign.id] = channel
        }
        guard !channels.isEmpty else { return ([:], AccountLimiter(limits: [:])) }
        let distinct = Array(Set(channels.values)).sorted { $0.name < $1.name }
        let senderSet = try senderOptions.senders(for: distinct, concurrency: 16, dryRunOutput: .file(path: "/dev/stderr"))
        if let unavailable = senderSet.unavailable.first {
            Terminal.printError("\(unavailable.problem) (see docs/channels.md)")
            throw ExitCode(2)
        }
        var byName: [String: any MessageSender] = [:]
        for sender in senderSet.senders { byName[sender.channel.name] = sender }
        return (channels.compactMapValues { byName[$0.name] }, senderSet.limiter)
    }
}
