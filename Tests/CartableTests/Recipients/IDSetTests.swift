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
        for id in ids { #expect(set.contains(id)) }
        // Same text, other bytes: the reader makes ids NFC first, so these are two ids here.
        #expect(!set.contains("PA50000") && !set.contains("pa1") && !set.contains("a-very-long-identifier-of-forty-bytes-01"))
    }

    @Test("sized up front, it agrees with Set<String> on a list with repeats")
    func agreesWithSet() {
        var set = IDSet(minimumCapacity: 10_000)
        var reference = Set<String>()
        for index in 0..<30_000 {
            let id = "gen-\((index * 7_919) % 20_011)"
            let inserted = set.insert(id)
            #expect(inserted == reference.insert(id).inserted)
        }
        #expect(set.count == reference.count)
    }
}
