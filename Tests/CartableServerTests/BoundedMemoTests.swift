import Cartable
@testable import CartableServer
import Foundation
import Testing

/// The server's memos: a value made once per key, a value it is told not to keep made each time, at most its limit
/// kept; and the finder's answers through its memo, the same as a search made again.
@Suite("cartable serve: values kept by key")
struct BoundedMemoTests {
    @Test func aValueIsMadeOncePerKeyUnlessItIsNotToBeKept() {
        let memo = BoundedMemo<String, Int>(limit: 10)
        var made: [String] = []
        for _ in 0..<3 {
            for key in ["a", "b", "large"] {
                let value = memo.value(for: key, keepingIf: { $0 < 100 }) {
                    made.append(key)
                    return key == "large" ? 1_000 : key.count
                }
                #expect(value == (key == "large" ? 1_000 : 1))
            }
        }
        #expect(made == ["a", "b", "large", "large", "large"])
    }

    @Test func whenFullItIsEmptiedAndFilledAgain() {
        let memo = BoundedMemo<Int, Int>(limit: 4)
        var made = 0
        func ask(_ key: Int) { _ = memo.value(for: key) { made += 1; return key } }
        for key in 0..<4 { ask(key) }
        for key in 0..<4 { ask(key) }
        #expect(made == 4, "four kept")
        ask(4)  // the fifth empties the memo, then is kept
        ask(4)
        ask(0)
        #expect(made == 6, "the fifth made once; the first made again after the memo was emptied")
    }

    @Test func theFindersAnswersAreTheSearchesAnswersAndSmallOnesAreKept() async throws {
        let fixture = try ServerFixture()
        let served = ServedCampaign(audience: try fixture.audience(), sender: nil)
        let outbox = try SQLiteOutbox(path: fixture.outboxPath)
        let finder = Finder(served: served)
        let supporter = SupporterID.random()
        let questions = ["q=guedj", "q=Guedj", "q=91", "department=91", "postcode=91300", "q=nobody+at+all", "q=e"]
        for round in 0..<2 {
            for query in questions {
                let question = Finder.Question(FormFields(Substring(query)))
                guard case .matches(let answer) = try await finder.answer(question, supporter: supporter, outbox: outbox, language: .english) else {
                    Issue.record("\(query): not a list of matches")
                    continue
                }
                let fresh = served.audience.choice.matches(RecipientQuery(text: question.text, department: question.department.flatMap(RecipientQuery.department(named:)),
                                                                          postcode: question.postcode))
                #expect(answer.recipients.map(\.id) == fresh.recipients.map(\.id), "\(query), round \(round)")
                #expect(answer.outsideTargets.map(\.id) == fresh.outsideTargets.map(\.id))
                #expect(answer.interpretations == fresh.interpretations && answer.notes == fresh.notes)
            }
        }
        let kept = questions.filter { query in
            let question = Finder.Question(FormFields(Substring(query)))
            var searched = false
            let query = RecipientQuery(text: question.text, department: question.department.flatMap(RecipientQuery.department(named:)), postcode: question.postcode)
            _ = served.searches.value(for: query) { searched = true; return served.audience.choice.matches(query) }
            return !searched
        }
        #expect(kept.count == questions.count, "every answer of the fixture's seven targets is small enough to keep: \(kept)")
    }
}
