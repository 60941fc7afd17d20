/// Finds the deputies a ``RecipientQuery`` names among a campaign's targets, and explains an empty answer.
///
/// The search runs over the targets only: a deputy the organiser left out is not offered, but is named in
/// ``Matches/outsideTargets`` so the supporter learns why their deputy is missing.
public struct RecipientChoice: Sendable {
    /// The campaign's targets, in list order.
    public let targets: [Recipient]
    /// The whole recipient list, to explain a deputy who is not a target.
    public let everyone: [Recipient]

    /// The name searches over ``targets`` and ``everyone``, their names folded once for every query.
    private let targetSearch: RecipientSearch
    private let everyoneSearch: RecipientSearch
    /// The targets' ids, to tell the rest of the list from them.
    private let targetIDs: Set<String>

    /// A choice among `targets`, a part of `everyone`.
    public init(targets: [Recipient], everyone: [Recipient]) {
        self.targets = targets
        self.everyone = everyone
        targetSearch = RecipientSearch(recipients: targets)
        everyoneSearch = RecipientSearch(recipients: everyone)
        targetIDs = Set(targets.map(\.id))
    }

    /// What a query found.
    public struct Matches: Sendable {
        /// The targets that match, in list order, or by constituency when they all sit for one department.
        public var recipients: [Recipient]
        /// Matches in the list that the campaign does not target.
        public var outsideTargets: [Recipient]
        /// How the query was understood: `postcode 91300 → Essonne 6th constituency`.
        public var readings: [SearchReading]
        /// What would narrow the answer down: `postcode 01000 spans 2 constituencies; the commune narrows it: …`, or
        /// that several communes bear the name typed.
        public var advice: [SearchAdvice] = []
        /// The places the query named (the postcode's communes and arrondissements, the communes of the name typed),
        /// each with its seats: when a postcode spans several constituencies, the supporter can pick their commune
        /// (pass its name as the query's text with the postcode).
        public var localities: [Locality] = []

        /// ``readings`` in English.
        public var interpretations: [String] { readings.map(\.description) }
        /// ``advice`` in English.
        public var notes: [String] { advice.map(\.description) }
    }

    /// The targets matching every part of `query`.
    public func matches(_ query: RecipientQuery) -> Matches {
        // The text read once for both searches.
        let text = query.text.map(RecipientSearch.Query.init)
        var said = Said()
        let inTargets = filter(targetSearch, by: query, text: text, said: &said)
        var ignored = Said()
        let outside = filter(everyoneSearch, by: query, text: text, said: &ignored).filter { !targetIDs.contains($0.id) }
        return Matches(recipients: inTargets, outsideTargets: outside, readings: said.readings, advice: said.advice,
                       localities: said.localities)
    }

    /// What a filter says about the query.
    private struct Said {
        var readings: [SearchReading] = []
        var advice: [SearchAdvice] = []
        var localities: [Locality] = []
    }

    private func filter(_ search: RecipientSearch, by query: RecipientQuery, text: RecipientSearch.Query?, said: inout Said) -> [Recipient] {
        var found = search.recipients
        if let department = query.department {
            found = found.filter { $0.department == department.code }
            said.readings.append(.department(department))
        }
        if let postcode = query.postcode {
            let place = PlaceMatch.postcode(ConstituencyFinder.lookUp(postcode: postcode), written: postcode, among: found)
            found = place.recipients
            said.readings += place.readings
            said.advice += place.advice
            said.localities += place.localities
        }
        if let text {
            let narrowed = query.department == nil && query.postcode == nil ? search : search.narrowed(to: found)
            let result = narrowed.search(text)
            found = result.recipients
            said.readings += result.readings
            if query.postcode != nil, !result.localities.isEmpty {
                // The commune named narrows the postcode down: its advice on the postcode's seats no longer applies.
                said.advice = result.advice
                said.localities = result.localities
            } else {
                said.advice += result.advice
                said.localities += result.localities
            }
        }
        if Set(found.map(\.department)).count == 1 {
            // The deputies of one place read better in their constituencies' order than in the list's.
            found.sort { ($0.constituency ?? .max, $0.name) < ($1.constituency ?? .max, $1.name) }
        }
        return found
    }
}
