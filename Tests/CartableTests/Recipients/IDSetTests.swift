import Testing
@testable import Cartable

/// The set of ids a streamed list keeps to reject duplicates.
@Suite("Id set")
struct IDSetTests {
    @Test("each id is new once, whatever its length or script, as the table grows from empty")
    func insertsAndFinds() {
        var set = IDSet()
        let ids = (0..<50_000).map { "PA\($0)" } + ["", "é", "e\u{301}", "a-very-long-identifier-of-forty-bytes-00", "日本", "x"]
        for id in ids {
            let inserted = set.insert(id)
            #expect(inserted, "\(id)")
        }
        #expect(set.count == ids.count)
        for id in ids {
            let inserted = set.insert(id)
            #expect(!inserted, "\(id) a second time")
        }
        #expect(set.count == ids.count)
        for id in ids {
            let found = set.contains(id)
            #expect(found, "\(id)")
        }
        // Same text, other bytes: the reader makes ids NFC first, so these are two ids here.
        let others = ["PA50000", "pa1", "a-very-long-identifier-of-forty-bytes-01"].filter { set.contains($0) }
        #expect(others.isEmpty)
    }

    /// 10,000 ids: a table of small pages; 150,000: a table of 2 MiB (262,144 slots), mapped for huge pages.
    @Test("sized up front, small or large, prefetched or not, it agrees with Set<String> on a list with repeats",
          arguments: [10_000, 150_000])
    func agreesWithSet(capacity: Int) {
        var set = IDSet(minimumCapacity: capacity)
        var reference = Set<String>()
        var disagreements = 0
        for index in 0..<(3 * capacity) {
            let id = "gen-\((index * 7_919) % (2 * capacity + 11))"
            if index.isMultiple(of: 2) { set.prefetch(id) }
            if set.insert(id) != reference.insert(id).inserted { disagreements += 1 }
        }
        #expect(disagreements == 0)
        #expect(set.count == reference.count)
    }
}
