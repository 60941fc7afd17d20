import Foundation
import PostgresNIO

/// The outbox's connections to one database: a few kept open between uses, more opened when callers overlap (a web
/// server's requests, a dispatcher's claims and records), never more than ``maximum`` at once: a caller beyond waits
/// for a connection to be given back (so that many servers and workers cannot exhaust the server's
/// `max_connections`). A transaction holds its connection to the end; a connection that failed is closed, never
/// reused, so no half-finished transaction or broken socket is handed to the next caller.
///
/// Everything runs on SwiftNIO's event loops: callers either await (``transaction(_:)``) or, for the one synchronous
/// requirement of ``Outbox`` (`enqueue`), block their own thread on the futures (``blockingTransaction(_:)``), which
/// never needs a thread of Swift's cooperative pool to make progress.
final class PostgresConnections: @unchecked Sendable {
    let configuration: PostgresConnection.Configuration
    let logger: Logger
    /// Connections kept open while nobody uses them.
    static let keptIdle = 8
    /// The most connections open at once, in use or idle (``PostgresURL/poolMaxConnections``).
    let maximum: Int

    private let lock = NSLock()
    private var idle: [PostgresConnection] = []
    /// Connections open or being opened, in use or idle: at most ``maximum``.
    private var open = 0
    /// Callers waiting for a connection, first come first served.
    private var waiting: [EventLoopPromise<PostgresConnection>] = []
    private var nextID = 1
    private var isShutDown = false

    init(configuration: PostgresConnection.Configuration, maximum: Int) {
        self.configuration = configuration
        self.maximum = max(1, maximum)
        var logger = Logger(label: "cartable.postgres")
        // The library logs connection chatter; Cartable reports failures itself, as OutboxErrors.
        logger.logLevel = .critical
        self.logger = logger
    }

    deinit {
        shutDown()
    }

    /// An open connection: an idle one, a new one while fewer than ``maximum`` are open, else the next one given back.
    func take() -> EventLoopFuture<PostgresConnection> {
        enum Step {
            case reuse(PostgresConnection)
            case open(id: Int)
            case wait(EventLoopFuture<PostgresConnection>)
        }
        let step: Step = lock.withLock {
            while let connection = idle.popLast() {
                if !connection.isClosed { return .reuse(connection) }
                open -= 1
            }
            if open < maximum {
                open += 1
                nextID += 1
                return .open(id: nextID)
            }
            let promise = PostgresConnection.defaultEventLoopGroup.any().makePromise(of: PostgresConnection.self)
            waiting.append(promise)
            return .wait(promise.futureResult)
        }
        switch step {
        case .reuse(let connection): return connection.eventLoop.makeSucceededFuture(connection)
        case .open(let id): return connect(id: id)
        case .wait(let future): return future
        }
    }

    /// Opens connection `id` in a slot already counted in ``open``; a failure frees the slot.
    private func connect(id: Int) -> EventLoopFuture<PostgresConnection> {
        PostgresConnection.connect(
            on: PostgresConnection.defaultEventLoopGroup.any(), configuration: configuration, id: id, logger: logger
        ).flatMapErrorThrowing { error in
            self.freeSlots(1)
            throw error
        }
    }

    /// `count` connections were closed: their slots go to the callers waiting (each gets a new connection), the rest
    /// are free.
    private func freeSlots(_ count: Int) {
        let served: [(EventLoopPromise<PostgresConnection>, Int)] = lock.withLock {
            var served: [(EventLoopPromise<PostgresConnection>, Int)] = []
            for _ in 0..<count {
                if !isShutDown, !waiting.isEmpty {
                    nextID += 1
                    served.append((waiting.removeFirst(), nextID))
                } else {
                    open -= 1
                }
            }
            return served
        }
        for (promise, id) in served { connect(id: id).cascade(to: promise) }
    }

    /// Returns a connection after use: handed to a waiting caller or kept if it is healthy (and few are idle), closed
    /// otherwise.
    func giveBack(_ connection: PostgresConnection, healthy: Bool) {
        enum Step {
            case kept
            case handedTo(EventLoopPromise<PostgresConnection>)
            case close
        }
        let step: Step = lock.withLock {
            guard healthy, !isShutDown, !connection.isClosed else { return .close }
            if !waiting.isEmpty { return .handedTo(waiting.removeFirst()) }
            guard idle.count < Self.keptIdle else { return .close }
            idle.append(connection)
            return .kept
        }
        switch step {
        case .kept: break
        case .handedTo(let promise): promise.succeed(connection)
        case .close:
            Self.close(connection)
            freeSlots(1)
        }
    }

    /// Connections taken and not given back yet (opened or being opened, and not idle).
    var inUse: Int { lock.withLock { open - idle.count } }

    /// Closes the idle connections, keeping the pool open: one was found dead, so the server most likely restarted
    /// and the others died with it.
    func discardIdle() {
        let closing = lock.withLock {
            defer { idle.removeAll() }
            return idle
        }
        for connection in closing { Self.close(connection) }
        freeSlots(closing.count)
    }

    /// Closes the idle connections; connections in use close when they are given back; callers waiting for one are
    /// told the outbox is closed.
    func shutDown() {
        let (closing, refused) = lock.withLock {
            isShutDown = true
            defer { idle.removeAll(); waiting.removeAll() }
            return (idle, waiting)
        }
        for connection in closing { Self.close(connection) }
        freeSlots(closing.count)
        for promise in refused { promise.fail(Closed()) }
    }

    /// What a caller still waiting for a connection gets when the outbox is closed.
    struct Closed: Error, CustomStringConvertible {
        var description: String { "the outbox was closed" }
    }

    /// Closes a connection without waiting, keeping it alive until it is closed (postgres-nio insists).
    static func close(_ connection: PostgresConnection) {
        let closing: EventLoopFuture<Void> = connection.close()
        closing.whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    /// How long a transaction or a read may take before its connection is taken for lost and closed (which fails what
    /// waits on it, an outage the dispatcher waits out): a network cut that drops packets silently would otherwise
    /// hold it until TCP gives up. Migrations, which may rewrite many rows, have no limit.
    static let timeLimit: TimeAmount = .seconds(30)

    /// Closes `connection` if it is still in use after `limit`; cancel the returned task when done.
    private static func watchdog(_ connection: PostgresConnection, _ limit: TimeAmount?) -> Scheduled<Void>? {
        guard let limit else { return nil }
        return connection.eventLoop.scheduleTask(in: limit) { close(connection) }
    }

    /// Runs `body` on a connection of its own.
    func withConnection<Result>(_ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        let connection = try await take().get()
        let watchdog = Self.watchdog(connection, Self.timeLimit)
        defer { watchdog?.cancel() }
        do {
            let result = try await body(connection)
            giveBack(connection, healthy: true)
            return result
        } catch {
            giveBack(connection, healthy: false)
            throw error
        }
    }

    /// Runs `body` inside `BEGIN … COMMIT`, rolled back if it throws. A connection that turns out to be dead at
    /// `BEGIN` (the server restarted since it was opened) is replaced once, by a new connection (the idle ones are
    /// closed: they most likely died with it): nothing was sent on it yet.
    /// `timeLimit`: see ``timeLimit``; `nil` for none.
    ///
    /// A transaction the server chose as a deadlock's victim (or a serialization failure) was rolled back whole, having
    /// changed nothing: it is run again, up to ``conflictRetries`` times. Two transactions of one sender meet so: an
    /// outcome being recorded and the lease heartbeat renewing the same rows, each locking them in its own order.
    func transaction<Result>(
        timeLimit: TimeAmount? = PostgresConnections.timeLimit, _ body: (PostgresSession) async throws -> Result
    ) async throws -> Result {
        var retried = false
        var conflicts = 0
        while true {
            let connection = try await take().get()
            let watchdog = Self.watchdog(connection, timeLimit)
            defer { watchdog?.cancel() }
            let session = PostgresSession(connection: connection, logger: logger)
            do {
                try await session.execute("BEGIN")
            } catch {
                giveBack(connection, healthy: false)
                if retried || !PostgresOutboxErrors.isConnectionLost(error) { throw error }
                discardIdle()
                retried = true
                continue
            }
            do {
                let result = try await body(session)
                try await session.execute("COMMIT")
                giveBack(connection, healthy: true)
                return result
            } catch {
                // A lost connection needs no ROLLBACK (the server rolls back what it loses), and one closed from here
                // may not answer until its TLS shutdown ends.
                if !PostgresOutboxErrors.isConnectionLost(error) { _ = try? await session.execute("ROLLBACK") }
                giveBack(connection, healthy: false)
                if PostgresOutboxErrors.isConflict(error), conflicts < Self.conflictRetries {
                    conflicts += 1
                    continue
                }
                throw error
            }
        }
    }

    /// How many times ``transaction(timeLimit:_:)`` runs again a transaction rolled back by a deadlock or a
    /// serialization failure.
    static let conflictRetries = 3

    /// ``transaction(_:)`` for a synchronous caller: blocks this thread (never an event loop's) until it is done.
    func blockingTransaction<Result>(_ body: (PostgresSession) throws -> Result) throws -> Result {
        var retried = false
        while true {
            let connection = try take().wait()
            let session = PostgresSession(connection: connection, logger: logger)
            do {
                try session.blockingExecute("BEGIN")
            } catch {
                giveBack(connection, healthy: false)
                if retried || !PostgresOutboxErrors.isConnectionLost(error) { throw error }
                discardIdle()
                retried = true
                continue
            }
            do {
                let result = try body(session)
                try session.blockingExecute("COMMIT")
                giveBack(connection, healthy: true)
                return result
            } catch {
                if !PostgresOutboxErrors.isConnectionLost(error) { _ = try? session.blockingExecute("ROLLBACK") }
                giveBack(connection, healthy: false)
                throw error
            }
        }
    }
}
