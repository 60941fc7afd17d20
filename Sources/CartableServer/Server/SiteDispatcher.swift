import Cartable
import Foundation
import Logging
import ServiceLifecycle

/// The sender inside `cartable serve`: a ``Dispatcher`` watching the outbox on the served campaigns' senders, posting
/// the due rows of the campaigns it serves (what supporters queued, and what `cartable queue` put there for those
/// campaigns), never another campaign's rows even on the same channel, keeping each campaign's hours, caps and
/// window, and holding a paused campaign's rows. It runs beside the HTTP server in the application's service group; on a
/// graceful shutdown it starts nothing new and lets the posts in flight finish and be recorded.
struct SiteDispatcher: Service {
    let dispatcher: Dispatcher
    let logger: Logger

    func run() async throws {
        let stop = StopSignal()
        await withGracefulShutdownHandler {
            while !stop.isRequested && !Task.isCancelled {
                do {
                    _ = try await dispatcher.run(stop: stop)
                } catch {
                    // A full disk or a locked file: the rows stay queued (or sending under this lease); try again.
                    logger.error("sending the queued messages: \(error)")
                    try? await Task.sleep(for: .seconds(1))
                }
            }
        } onGracefulShutdown: {
            stop.request()
        }
    }

    /// A dispatcher for `campaigns`' senders, or `nil` when none sends through its account; what it posts is counted
    /// in `metrics` and makes `satchels` read the campaign's counts again.
    static func make(for campaigns: [ServedCampaign], outbox: any Outbox, accounts: AccountLimiter, owner: LeaseOwner, logger: Logger,
                     metrics: CartableMetrics, satchels: SatchelCache) -> SiteDispatcher? {
        var senders: [String: any MessageSender] = [:]
        for served in campaigns where served.sendsThroughCampaign {
            if let sender = served.sender { senders[sender.channel.name] = sender }
        }
        guard !senders.isEmpty else { return nil }
        var configuration = DispatcherConfiguration()
        configuration.mode = .watch
        configuration.concurrency = 16
        // A supporter waits on the thanks page for their message: look for new rows often.
        configuration.idlePoll = 0.1
        // Another campaign sharing the outbox (and maybe the channel) is another organiser's: not ours to post.
        configuration.campaigns = Set(campaigns.filter(\.sendsThroughCampaign).map(\.id))
        // One log line per delivery outcome (docs/operations.md, Logs), and the deliveries counted.
        let log = DispatchLog(logger: logger)
        let events: @Sendable (DispatchEvent) -> Void = { event in
            log.log(event)
            metrics.record(event)
            // The campaign pages show the satchel from memory: a message posted here counts at the next page.
            if case .sent(let outcome, _, _, _) = event { satchels.invalidate(campaignID: outcome.campaignID) }
        }
        let dispatcher = Dispatcher(outbox: outbox, senders: senders.keys.sorted().compactMap { senders[$0] }, limiter: accounts,
                                    configuration: configuration, owner: owner, events: events)
        return SiteDispatcher(dispatcher: dispatcher, logger: logger)
    }
}
