import Cartable
import Foundation

/// Counts the costly requests (sends, measures) per client address and per network in windows that open with a
/// client's first request and last the limit's period, and says
/// how long to wait when a limit is reached. Kept in memory only: nothing about a client outlives the window.
///
/// Its state is behind a lock, not in an actor: a count is a few dictionary reads and writes, held for less time than
/// a hop to an actor and back would take on each send and measure.
final class RequestLimiter: Sendable {
    /// What is limited.
    enum Action: String, Sendable {
        case send
        case measure
        /// An organiser's login to the dashboard.
        case login
    }

    /// A limit: `count` requests per `period` seconds.
    struct Limit: Sendable, Hashable {
        var count: Int
        var period: TimeInterval
    }

    private struct Window {
        var start: TimeInterval
        var count: Int
    }

    /// The open windows by key, and when they were last swept.
    private struct Windows {
        var byKey: [String: Window] = [:]
        var lastSweep: TimeInterval = 0
    }

    private let windows = Locked(Windows())

    /// Counts one `action` from `client` under `scope` (the campaign) against `perHost` and `perNetwork`; `nil`
    /// when it may go, otherwise the seconds until it may (and it is not counted).
    func admit(_ action: Action, scope: String, client: ClientAddress, perHost: Limit, perNetwork: Limit, now: Date = Date()) -> Int? {
        let time = now.timeIntervalSince1970
        let prefix = scope + "|" + action.rawValue
        let hostKey = prefix + "|h|" + client.host
        let networkKey = prefix + "|n|" + client.network
        return windows.withLock { windows in
            Self.sweep(&windows, at: time)
            let host = Self.current(windows.byKey[hostKey], limit: perHost, at: time)
            let network = Self.current(windows.byKey[networkKey], limit: perNetwork, at: time)
            var wait: TimeInterval = 0
            if host.count >= perHost.count { wait = max(wait, host.start + perHost.period - time) }
            if network.count >= perNetwork.count { wait = max(wait, network.start + perNetwork.period - time) }
            if wait > 0 { return max(1, Int(wait.rounded(.up))) }
            windows.byKey[hostKey] = Window(start: host.start, count: host.count + 1)
            windows.byKey[networkKey] = Window(start: network.start, count: network.count + 1)
            return nil
        }
    }

    /// A key's window: it opens with its first request and lasts `limit.period`; then a new one opens.
    private static func current(_ window: Window?, limit: Limit, at time: TimeInterval) -> Window {
        if let window, time < window.start + limit.period { return window }
        return Window(start: time, count: 0)
    }

    /// Forgets windows more than a day old, at most once a minute, so memory stays bounded by the active clients.
    private static func sweep(_ windows: inout Windows, at time: TimeInterval) {
        guard time - windows.lastSweep > 60 else { return }
        windows.lastSweep = time
        windows.byKey = windows.byKey.filter { time - $0.value.start < 86_400 }
    }
}
