/// Finds the deputies a ``RecipientQuery`` names among a campaign's targets, and explains an empty answer.
///
/// The search runs over the targets only: a deputy the organiser left out is not offered, but is named in
/// ``Matches/outsideTargets`` so the supporter learns why their deputy is missing.
public struct RecipientChoice: Sendable {
    /// The campaign's targets, in list order.
    public let targets: [Recipient]
    /// The whole recipient list, to explain a deputy who is not a target.
    public let everyone: [Recipient]

    /// A choice among `targets`, a part of `everyone`.
    public init(targets: [Recipient], everyone: [Recipient]) {
        self.targets = targets
        self.everyone = everyone
    }

    /// What a query found.
    public struct Matches: Sendable {
        /// The targets that match, in list order, or by constituency when they all sit for one department.
        public var recipients: [Recipient]
        /// Matches in the list that the campaign does not target.
        public var outsideTargets: [Recipient]
        /// How the query was understood, for people: `postcode 91300 → Essonne 6th constituency`.
        public var interpretations: [String]
        /// What would narrow the answer down, for people: `postcode 01000 spans 2 constituencies; the commune narrows
        /// it: …`, or that several communes bear the name typed.
        public var notes: [String] = []
        /// The places the query named (the postcode's communes and arrondissements, the communes of the name typed),
        /// each with its seats: when a postcode spans several constituencies, the supporter can pick their commune
        /// (pass its name as the query's text with the postcode).
        public var localities: [Locality] = []
    }

    /// The targets matching every part of `query`.
    public func matches(_ query: RecipientQuery) -> Matches {
        var said = Said()
        let inTargets = filter(targets, by: query, said: &said)
        var ignored = Said()
        let targetIDs = Set(targets.map(\.id))
        let outside = filter(everyone, by: query, said: &ignored).filter { !targetIDs.contains($0.id) }
        return Matches(recipients: inTargets, outsideTargets: outside, interpretations: said.interpretations, notes: said.notes,
                       localities: said.localities)
    }

    /// What a filter says about the query.
    private struct Said {
        var interpretations: [String] = []
        var notes: [String] = []
        var localities: [Locality] = []
    }

    private func filter(_ candidates: [Recipient], by query: RecipientQuery, said: inout Said) -> [Recipient] {
        var found = candidates
        if let department = query.department {
            found = found.filter { $0.department == department.code }
            said.interpretations.append("department \(department.code) (\(department.name))")
        }
        if let postcode = query.postcode {
            let place = PlaceMatch.postcode(ConstituencyFinder.lookUp(postcode: postcode), written: postcode, among: found)
            found = place.recipients
            said.interpretations += place.interpretations
            said.notes += place.notes
            said.localities += place.localities
        }
        if let text = query.text {
            let result = RecipientSearch(recipients: found).search(text)
            found = result.recipients
            said.interpretations += result.interpretations
            if query.postcode != nil, !result.localities.isEmpty {
                // The commune named narrows the postcode down: its notes on the postcode's seats no longer apply.
                said.notes = result.notes
                said.localities = result.localities
            } else {
                said.notes += result.notes
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
