import Foundation

/// Asks a running ``Dispatcher`` to stop: it starts nothing new, lets the requests in flight finish and records
/// them, then returns. Safe to trigger from a signal handler's queue.
public final class StopSignal: @unchecked Sendable {
    // Guards `requested`.
    private let lock = NSLock()
    private var requested = false

    /// A signal not yet triggered.
    public init() {}

    /// Asks for the stop.
    public func request() {
        lock.withLock { requested = true }
    }

    /// Whether a stop was asked for.
    public var isRequested: Bool { lock.withLock { requested } }
}
