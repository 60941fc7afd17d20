import Cartable

/// The finder's recent answers, by query: a search reads every target (names, places, groups), and supporters of
/// one campaign look up the same few names and postcodes again and again. The targets do not change while the
/// server runs, so an answer kept is the answer made again.
///
/// Only answers of at most ``largestKept`` deputies are kept (a query of one letter matches hundreds, and those are
/// rare); at most ``limit`` of them: when full, the memo is emptied and filled again by the next searches.
final class SearchMemo: Sendable {
    /// How many answers are kept at most.
    static let limit = 2_000
    /// The most deputies (targets and others) an answer kept may hold.
    static let largestKept = 64

    private let answers = Locked<[RecipientQuery: RecipientChoice.Matches]>([:])

    /// The answer to `query`: kept, or made by `make` (and kept when small enough).
    func matches(_ query: RecipientQuery, make: () -> RecipientChoice.Matches) -> RecipientChoice.Matches {
        if let kept = answers.withLock({ $0[query] }) { return kept }
        let made = make()
        guard made.recipients.count + made.outsideTargets.count <= Self.largestKept else { return made }
        answers.withLock { answers in
            if answers.count >= Self.limit { answers.removeAll(keepingCapacity: true) }
            answers[query] = made
        }
        return made
    }
}
