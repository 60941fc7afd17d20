import Cartable
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// The supporters' web page (`cartable serve`): every campaign given, under `/c/{id}/`, as server-rendered pages
/// and a JSON API, both calling the library's use cases (the finder, the draft, the outbox's report). Sends through a
/// campaign's account are queued in group commits (``OutboxGroupCommit``) and posted by a ``Dispatcher`` that runs
/// beside the HTTP server in the same application.
///
/// ```swift
/// let site = SupportersSite(campaigns: [ServedCampaign(audience: audience, sender: nil)], outbox: outbox)
/// let app = site.application(host: "127.0.0.1", port: 8080, logger: logger) { port in print("listening on \(port)") }
/// try await app.runService()    // SIGINT and SIGTERM stop it gracefully
/// ```
public struct SupportersSite: Sendable {
    let state: SiteState
    let logger: Logger
    let accounts: AccountLimiter
    let admin: AdminAccess

    /// A site serving `campaigns`, keeping sends and reading the satchel in `outbox`; `accounts` paces the campaigns'
    /// sending accounts (their senders' rate limits, as `cartable send` keeps them).
    /// `metrics` counts the requests, the supporters' sends and the sender's deliveries (served by a
    /// ``MetricsListener``, never on the site itself).
    public init(campaigns: [ServedCampaign], outbox: any Outbox, options: SiteOptions = SiteOptions(),
                accounts: AccountLimiter = AccountLimiter(limits: [:]), logger: Logger = Logger(label: "cartable.serve"),
                metrics: CartableMetrics = CartableMetrics()) {
        state = SiteState(campaigns: campaigns, outbox: outbox, options: options, assets: .builtIn, metrics: metrics)
        self.accounts = accounts
        admin = AdminAccess(token: options.adminToken)
        self.logger = logger
    }

    /// Transactions and messages queued so far by sends through the campaigns (group commits).
    public var queueStatistics: OutboxGroupCommit.Statistics { state.queue.statistics }

    /// The routes, behind the access log, the safety headers, the error pages and the origin check.
    public func router() -> Router<SiteRequestContext> {
        let router = Router(context: SiteRequestContext.self)
        router.add(middleware: AccessLog(logger: logger))
        router.add(middleware: RequestMetrics(metrics: state.metrics))
        router.add(middleware: SecurityHeaders(site: state))
        router.add(middleware: ErrorPages(site: state, logger: logger))
        router.add(middleware: OriginCheck(site: state))
        PageRoutes(site: state).add(to: router)
        APIRoutes(site: state).add(to: router)
        OperationRoutes(site: state).add(to: router)
        AdminRoutes(site: state, access: admin, accounts: accounts).add(to: router)
        return router
    }

    /// The server on `host`:`port` (0 picks a free port), with the sender of the queued messages beside it, and
    /// `alongside` (the metrics' listener) run and stopped with it; `onListening` gets the port once connections are
    /// accepted.
    public func application(host: String, port: Int, alongside: [any Service] = [],
                            onListening: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        let dispatcher = SiteDispatcher.make(for: state.campaigns, outbox: state.outbox, accounts: accounts, owner: state.owner,
                                             logger: logger, metrics: state.metrics, satchels: state.satchels)
        return Application(
            router: router(),
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            services: (dispatcher.map { [$0] } ?? []) + alongside,
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? port) },
            logger: logger)
    }
}
