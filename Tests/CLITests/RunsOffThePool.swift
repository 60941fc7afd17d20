import Dispatch
import Testing

/// A suite trait for tests that block their thread for seconds (waiting on a `cartable` process, sleeping in a polling
/// loop): each test runs on a thread of its own, not on Swift's cooperative pool.
///
/// The pool has one thread per core, two on the machines this runs on, and every async test of the whole run shares
/// them. Two tests blocking there stopped everything else: a dispatcher that should have woken after 1.5 s woke after
/// 100 s; a PostgreSQL transaction whose task cannot resume for 30 s has its connection closed by the outbox's
/// watchdog (the likely cause of the "connection lost" failures seen in full runs). At most ``width`` of these tests
/// run at once, so that the `cartable` processes they start do not crowd the machine either; the others wait without
/// holding a thread.
struct RunsOffThePool: SuiteTrait, TestTrait, TestScoping {
    /// How many such tests run at once.
    static let width = 3
    private static let slots = TestSlots(count: width)

    var isRecursive: Bool { true }

    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        guard testCase != nil else { return try await function() }
        await Self.slots.take()
        do {
            try await withTaskExecutorPreference(DedicatedQueueExecutor(label: test.name)) {
                try await function()
            }
        } catch {
            await Self.slots.giveBack()
            throw error
        }
        await Self.slots.giveBack()
    }
}

extension Trait where Self == RunsOffThePool {
    /// See ``RunsOffThePool``.
    static var runsOffThePool: Self { RunsOffThePool() }
}

/// Runs a task's jobs one after another on a serial dispatch queue of its own, whose thread is not one of the
/// cooperative pool's (a private queue is served by threads made as needed).
final class DedicatedQueueExecutor: TaskExecutor {
    private let queue: DispatchQueue

    init(label: String) {
        queue = DispatchQueue(label: "cartable-tests." + label)
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job), executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}

/// A counting semaphore for tasks: ``take()`` waits, without blocking a thread, until one of `count` slots is free.
actor TestSlots {
    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(count: Int) {
        free = count
    }

    func take() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func giveBack() {
        if waiting.isEmpty {
            free += 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
