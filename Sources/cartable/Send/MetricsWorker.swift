import ArgumentParser
import Cartable
import CartableServer
import Foundation
import Logging
import ServiceLifecycle

/// `send --watch --metrics-port`: the metrics' listener run beside the dispatcher, started before it (an address it
/// cannot listen on stops `send` before anything is sent, exit 2) and stopped gracefully after it.
struct MetricsWorker {
    let metrics: CartableMetrics
    let outbox: any Outbox
    let options: MetricsOptions

    /// Runs `body` while `/metrics` answers on `port`.
    func whileListening(port: Int, _ body: () async throws(OutboxError) -> DispatchProgress) async throws -> DispatchProgress {
        let logger = Logger(label: "cartable.metrics")
        let listener = MetricsListener(metrics: metrics, outbox: outbox, logger: logger)
        let (ready, readiness) = AsyncStream<Result<Int, any Error>>.makeStream()
        let application = listener.application(host: options.metricsHost, port: port) { port in readiness.yield(.success(port)) }
        let group = ServiceGroup(configuration: .init(services: [application], logger: logger))
        let server = Task {
            do {
                try await group.run()
            } catch {
                readiness.yield(.failure(error))
            }
            readiness.finish()
        }
        var iterator = ready.makeAsyncIterator()
        switch await iterator.next() {
        case .success(let bound):
            FileHandleOutput.standardError("metrics on \(options.address(port: bound))\n")
        case .failure(let error):
            Terminal.printError("cannot serve metrics on \(options.metricsHost):\(port): \(error)")
            throw ExitCode(2)
        case nil:
            Terminal.printError("cannot serve metrics on \(options.metricsHost):\(port)")
            throw ExitCode(2)
        }
        defer { server.cancel() }
        let progress: DispatchProgress
        do {
            progress = try await body()
        } catch {
            await group.triggerGracefulShutdown()
            throw error
        }
        await group.triggerGracefulShutdown()
        _ = await server.value
        return progress
    }
}
