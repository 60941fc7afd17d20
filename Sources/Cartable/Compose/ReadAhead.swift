import Foundation

/// A sequence walked on a thread of its own, a few chunks ahead of its consumer, in order: so that making the
/// elements and using them run on different cores. `preview`, `lint` and `queue` chain two: one reads the recipient
/// file, one composes over it (``CampaignBatch``), and the caller writes, counts or inserts into the outbox.
///
/// The base sequence is handed over: until the walk ends (``next()`` returned `nil`) or ``stop()`` returns, nothing
/// else may touch it or what it shares (e.g. a ``RecipientStream``'s diagnostics). Both calls wait for the walking
/// thread to be done, so what it wrote is then safe to read.
public final class ReadAhead<Element: Sendable>: Sequence, IteratorProtocol {
    private let queue: ChunkQueue
    private let walked = DispatchSemaphore(value: 0)
    private var joined = false
    /// The chunk being handed out, last element first: each is moved out with `popLast()`, not copied.
    private var chunk: [Element] = []

    /// Starts walking `base` on a new thread, `chunkSize` elements at a time, at most `chunksAhead` chunks ahead.
    public init<Base: Sequence>(_ base: Base, chunkSize: Int = 256, chunksAhead: Int = 8) where Base.Element == Element {
        let queue = ChunkQueue(capacity: Swift.max(1, chunksAhead))
        self.queue = queue
        let handed = HandedOver(base)
        let size = Swift.max(1, chunkSize)
        let walked = walked
        let thread = Thread {
            var iterator = handed.base.makeIterator()
            var chunk: [Element] = []
            chunk.reserveCapacity(size)
            while let element = iterator.next() {
                chunk.append(element)
                if chunk.count == size {
                    chunk.reverse()
                    guard queue.put(chunk) else { break }
                    chunk.removeAll(keepingCapacity: true)
                }
            }
            chunk.reverse()
            if !chunk.isEmpty { _ = queue.put(chunk) }
            queue.finish()
            walked.signal()
        }
        thread.name = "cartable read-ahead"
        thread.start()
    }

    deinit {
        stop()
    }

    /// The next element, in the base's order; `nil` once the base has no more (the walking thread is then done).
    public func next() -> Element? {
        if let element = chunk.popLast() { return element }
        guard let next = queue.take() else {
            join()
            return nil
        }
        chunk = next
        return chunk.popLast()
    }

    /// Stops the walk before its end and waits for the walking thread to be done; the base is then free.
    public func stop() {
        queue.cancel()
        join()
    }

    private func join() {
        guard !joined else { return }
        joined = true
        walked.wait()
    }

    /// The chunks between the two threads, guarded by one condition.
    private final class ChunkQueue: @unchecked Sendable {
        private let condition = NSCondition()
        private let capacity: Int
        private var chunks: [[Element]] = []
        private var head = 0
        private var finished = false
        private var cancelled = false

        init(capacity: Int) {
            self.capacity = capacity
        }

        /// Adds a chunk, waiting for room; `false` when the consumer stopped.
        func put(_ chunk: [Element]) -> Bool {
            condition.lock()
            defer { condition.unlock() }
            while chunks.count - head >= capacity && !cancelled { condition.wait() }
            guard !cancelled else { return false }
            if head > 64 {
                chunks.removeFirst(head)
                head = 0
            }
            chunks.append(chunk)
            condition.broadcast()
            return true
        }

        /// Says that no chunk follows.
        func finish() {
            condition.lock()
            finished = true
            condition.broadcast()
            condition.unlock()
        }

        /// The next chunk, waiting for one; `nil` when none follows.
        func take() -> [Element]? {
            condition.lock()
            defer { condition.unlock() }
            while head == chunks.count && !finished { condition.wait() }
            guard head < chunks.count else { return nil }
            let chunk = chunks[head]
            chunks[head] = []
            head += 1
            condition.broadcast()
            return chunk
        }

        /// Lets a producer waiting for room give up.
        func cancel() {
            condition.lock()
            cancelled = true
            condition.broadcast()
            condition.unlock()
        }
    }

    /// The base, moved to the walking thread: only that thread uses it until the walk is done.
    private struct HandedOver<Base>: @unchecked Sendable {
        let base: Base
        init(_ base: Base) { self.base = base }
    }
}
