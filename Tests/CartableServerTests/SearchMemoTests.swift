@testable import Cartable
@testable import CartableServer
import Foundation
import Testing

/// The finder's answers kept by query: the same answer as a search made again, made once per query, and a large
/// answer never kept.
@Suite("cartable serve: the finder's answers kept")
struct SearchMemoTests {
    /// Counts the searches a memo asks for.
    final class Searches: @unchecked Sendable {
        private let lock = NSLock()
        private var made = 0
        var count: Int { lock.withLock { made } }
        func search(_ choice: RecipientChoice, _ query: RecipientQuery) -> RecipientChoice.Matches {
            lock.withLock { made += 1 }
            return choice.matches(query)
        }
    }

    @Test func aQueryIsSearchedOnceAndAnsweredAsTheSearchAnswers() throws {
        let audience = try ServerFixture().audience()
        let memo = SearchMemo()
        let searches = Searches()
        let queries = [RecipientQuery(text: "guedj"), RecipientQuery(text: "Guedj"), RecipientQuery(text: "91"),
                       RecipientQuery(text: nil, department: Department(code: "91")), RecipientQuery(text: "nobody at all")]
        for round in 0..<3 {
            for query in queries {
                let kept = memo.matches(query) { searches.search(audience.choice, query) }
                let fresh = audience.choice.matches(query)
                #expect(kept.recipients.map(\.id) == fresh.recipients.map(\.id), "\(query), round \(round)")
                #expect(kept.outsideTargets.map(\.id) == fresh.outsideTargets.map(\.id))
                #expect(kept.interpretations == fresh.interpretations && kept.notes == fresh.notes)
            }
        }
        #expect(searches.count == queries.count, "each query searched once, then answered from the memo")
    }

    @Test func anAnswerOfMoreThan64DeputiesIsSearchedEachTime() {
        let many = (0..<65).map { Recipient(id: "R\($0)", name: "Deputy \($0)") }
        let large = RecipientChoice.Matches(recipients: many, outsideTargets: [], readings: [])
        let small = RecipientChoice.Matches(recipients: Array(many.prefix(64)), outsideTargets: [], readings: [])
        let memo = SearchMemo()
        var made = 0
        for _ in 0..<3 {
            _ = memo.matches(RecipientQuery(text: "large")) { made += 1; return large }
            _ = memo.matches(RecipientQuery(text: "small")) { made += 1; return small }
        }
        #expect(made == 3 + 1)
    }
}
