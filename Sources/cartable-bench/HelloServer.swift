import Hummingbird
import Logging

/// The framework's ceiling on this machine: a Hummingbird 2 application with one route that answers `Hello`, with
/// the same defaults as `cartable serve` (its event loops, no middleware). It runs inside the benchmark process, which
/// sits idle while `wrk` measures it. Only the benchmark has it: the product has no such route.
enum HelloServer {
    /// Starts the server on a free loopback port; returns the port and the task to cancel to stop it.
    static func start() async throws -> (port: Int, task: Task<Void, any Error>) {
        let router = Router()
        router.get("/") { _, _ in "Hello" }
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "cartable-bench.hello")
        // Stopping it by cancellation logs an error about its child channels; that is the bench ending, not a fault.
        logger.logLevel = .critical
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: nil),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            },
            logger: logger)
        let task = Task { try await app.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            task.cancel()
            throw BenchFailure("the hello server did not start")
        }
        return (port, task)
    }
}

/// A benchmark step that could not run, said in a sentence.
struct BenchFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
