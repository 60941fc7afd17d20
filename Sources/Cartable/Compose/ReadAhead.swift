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
    /// The chunk being handed out, its elements moved out one by one. Only the consumer's thread touches it, once
    /// per element: Swift's run-time exclusivity check is left out.
    @exclusivity(unchecked) private var chunk = Chunk(capacity: 0)

    /// Starts walking `base` on a new thread, `chunkSize` elements at a time, at most `chunksAhead` chunks ahead.
    public init<Base: Sequence>(_ base: Base, chunkSize: Int = 256, chunksAhead: Int = 8) where Base.Element == Element {
        let queue = ChunkQueue(capacity: Swift.max(1, chunksAhead))
        self.queue = queue
        let handed = HandedOver(base)
        let size = Swift.max(1, chunkSize)
        let walked = walked
        let thread = Thread {
            var iterator = handed.base.makeIterator()
            var chunk = Chunk(capacity: size)
            while let element = iterator.next() {
                chunk.append(element)
                if chunk.isFull {
                    guard queue.put(chunk) else { break }
                    chunk = Chunk(capacity: size)
                }
            }
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
        if let element = chunk.take() { return element }
        guard let next = queue.take() else {
            join()
            return nil
        }
        chunk = next
        return chunk.take()
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
        private var chunks: [Chunk?] = []
        private var head = 0
        private var finished = false
        private var cancelled = false

        init(capacity: Int) {
            self.capacity = capacity
        }

        /// Adds a chunk, waiting for room; `false` when the consumer stopped.
        func put(_ chunk: Chunk) -> Bool {
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
        func take() -> Chunk? {
            condition.lock()
            defer { condition.unlock() }
            while head == chunks.count && !finished { condition.wait() }
            guard head < chunks.count else { return nil }
            let chunk = chunks[head]
            chunks[head] = nil
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

    /// Elements made on the walking thread and handed out on the consumer's, each moved in and moved out, never
    /// copied: an element may hold many references (a message and its recipient), and a copy would retain and later
    /// release each of them, across threads. (An array would copy on the way out, or have to be reversed to pop.)
    private final class Chunk: @unchecked Sendable {
        private let storage: UnsafeMutablePointer<Element>
        private let capacity: Int
        /// Elements `taken..<count` are there, the others moved out or not made yet. One thread at a time (the walk's,
        /// then the consumer's, handed over under the queue's lock), once per element: no run-time exclusivity check.
        @exclusivity(unchecked) private var count = 0
        @exclusivity(unchecked) private var taken = 0

        init(capacity: Int) {
            self.capacity = capacity
            storage = .allocate(capacity: capacity)
        }

        var isFull: Bool { count == capacity }
        var isEmpty: Bool { count == 0 }

        /// Moves `element` in; only while not full.
        func append(_ element: consuming Element) {
            precondition(count < capacity)
            (storage + count).initialize(to: element)
            count += 1
        }

        /// Moves the next element out, in order; `nil` after the last.
        func take() -> Element? {
            guard taken < count else { return nil }
            defer { taken += 1 }
            return (storage + taken).move()
        }

        deinit {
            (storage + taken).deinitialize(count: count - taken)
            storage.deallocate()
        }
    }

    /// The base, moved to the walking thread: only that thread uses it until the walk is done.
    private struct HandedOver<Base>: @unchecked Sendable {
        let base: Base
        init(_ base: Base) { self.base = base }
    }
}
