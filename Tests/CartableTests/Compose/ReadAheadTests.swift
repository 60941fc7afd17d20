import Foundation
import Synchronization
import Testing
@testable import Cartable

/// The read-ahead that walks a batch on another core: same elements, same order, and a walk that is over when it says so.
@Suite("Read-ahead")
struct ReadAheadTests {
    /// A sequence that counts how many elements were taken from it, from whichever thread.
    final class CountingSequence: Sequence, IteratorProtocol, @unchecked Sendable {
        let count: Int
        let taken = Atomic<Int>(0)
        init(count: Int) { self.count = count }
        func next() -> Int? {
            let index = taken.add(1, ordering: .sequentiallyConsistent).newValue - 1
            return index < count ? index : nil
        }
    }

    @Test("every element, in order, whatever the chunk size", arguments: [(1, 1), (7, 2), (256, 8), (100_000, 1)])
    func keepsOrder(chunkSize: Int, chunksAhead: Int) {
        let read = Array(ReadAhead(0..<100_003, chunkSize: chunkSize, chunksAhead: chunksAhead))
        #expect(read == Array(0..<100_003))
    }

    @Test("an empty sequence ends at once")
    func empty() {
        let ahead = ReadAhead([Int]())
        #expect(ahead.next() == nil)
        #expect(ahead.next() == nil)
    }

    @Test("stopping early leaves the base alone: no element is taken after stop() returns, and far fewer than all were")
    func stopEarly() throws {
        let base = CountingSequence(count: 10_000_000)
        let ahead = ReadAhead(base, chunkSize: 16, chunksAhead: 2)
        var first: [Int] = []
        for element in ahead {
            first.append(element)
            if first.count == 100 { break }
        }
        ahead.stop()
        let takenAtStop = base.taken.load(ordering: .sequentiallyConsistent)
        #expect(first == Array(0..<100))
        // At most the consumed chunks, the chunks waiting and the one being filled (+1 for the refused put).
        #expect(takenAtStop <= 100 + 16 * (2 + 2) + 1, "taken \(takenAtStop)")
        Thread.sleep(forTimeInterval: 0.2)
        #expect(base.taken.load(ordering: .sequentiallyConsistent) == takenAtStop)
    }

    /// An element that counts how many of its kind are alive.
    final class Tracked: Sendable {
        static let alive = Atomic<Int>(0)
        let value: Int
        init(_ value: Int) {
            self.value = value
            Self.alive.add(1, ordering: .sequentiallyConsistent)
        }
        deinit { Self.alive.subtract(1, ordering: .sequentiallyConsistent) }
    }

    @Test("every element is released once: those handed out, and those still in chunks when the walk is stopped")
    func elementsAreReleased() throws {
        let before = Tracked.alive.load(ordering: .sequentiallyConsistent)
        do {
            let ahead = ReadAhead((0..<100_000).lazy.map { Tracked($0) }, chunkSize: 16, chunksAhead: 3)
            var taken: [Int] = []
            while taken.count < 1_000, let element = ahead.next() { taken.append(element.value) }
            #expect(taken == Array(0..<1_000))
            ahead.stop()
            // Chunks made but not handed out are still held, until the read-ahead goes.
            #expect(Tracked.alive.load(ordering: .sequentiallyConsistent) - before > 0)
        }
        #expect(Tracked.alive.load(ordering: .sequentiallyConsistent) == before, "every element made was released")
        do {
            let all = Array(ReadAhead((0..<10_007).lazy.map { Tracked($0) }, chunkSize: 64))
            #expect(all.map(\.value) == Array(0..<10_007))
            #expect(Tracked.alive.load(ordering: .sequentiallyConsistent) - before == 10_007, "the elements handed out, each alive once")
        }
        #expect(Tracked.alive.load(ordering: .sequentiallyConsistent) == before)
    }

    @Test("at the end, what the walk wrote is there to read: a recipient stream's diagnostics")
    func endIsJoined() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("read-ahead-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        var text = "id,name,twitter\n"
        for index in 0..<5_000 { text += "d\(index),Député \(index),handle\(index)\n" }
        text += "d7,Doublon,dup\n"
        try Data(text.utf8).write(to: url)
        let stream = try RecipientStream(contentsOf: url)
        let ids = ReadAhead(stream, chunkSize: 64).map(\.id)
        #expect(ids.count == 5_000)
        #expect(stream.diagnostics.contains { $0.message.contains("duplicate id 'd7'") })
    }
}
