import Foundation
import PostgresNIO

/// Idle senders' ears: a connection of its own that `LISTEN`s on `cartable_outbox` (``PostgresSchema/notificationChannel``),
/// which `enqueue` and `retry` notify as they commit. Started by the first wait; each notification sets a flag the
/// waiting dispatcher checks in memory (no query). A lost connection is opened again a second later, and counts as a
/// notification: whatever was queued meanwhile was not heard, so the sender had better look.
final class PostgresWakeups: @unchecked Sendable {
    private let configuration: PostgresConnection.Configuration
    private let logger: Logger
    private let lock = NSLock()
    private var notified = false
    private var listener: Task<Void, Never>?
    private var connection: PostgresConnection?
    private var stopped = false

    init(configuration: PostgresConnection.Configuration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    deinit {
        stop()
    }

    /// Starts listening if nobody does yet; returns true when it was started now (nothing was heard before).
    func startIfNeeded() -> Bool {
        lock.withLock {
            guard listener == nil, !stopped else { return false }
            listener = Task { [weak self] in await self?.listen() }
            return true
        }
    }

    /// Whether a notification came since the last call.
    func takeNotification() -> Bool {
        lock.withLock {
            defer { notified = false }
            return notified
        }
    }

    /// Stops listening for good.
    func stop() {
        let (task, open) = lock.withLock {
            stopped = true
            defer { listener = nil; connection = nil }
            return (listener, connection)
        }
        task?.cancel()
        if let open { PostgresConnections.close(open) }
    }

    private func note() {
        lock.withLock { notified = true }
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    private func listen() async {
        while !isStopped && !Task.isCancelled {
            do {
                let opened = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
                let keep = lock.withLock { () -> Bool in
                    guard !stopped else { return false }
                    connection = opened
                    return true
                }
                guard keep else {
                    try? await opened.close()
                    return
                }
                try await opened.listen(on: PostgresSchema.notificationChannel) { notifications in
                    note()
                    for try await _ in notifications { note() }
                }
                try? await opened.close()
            } catch {
                // The server went away or refused us: try again shortly; the dispatcher's slow poll covers the gap.
            }
            note()
            try? await Task.sleep(for: .seconds(1))
        }
    }
}
