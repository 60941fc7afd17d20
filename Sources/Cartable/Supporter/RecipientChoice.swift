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
        /// How the query was understood, for people: `postcode 93500 → department 93 (Seine-Saint-Denis)`.
        public var interpretations: [String]
    }

    /// The targets matching every part of `query`.
    public func matches(_ query: RecipientQuery) -> Matches {
        var interpretations: [String] = []
        let inTargets = filter(targets, by: query, interpretations: &interpretations)
        var ignored: [String] = []
        let targetIDs = Set(targets.map(\.id))
        let outside = filter(everyone, by: query, interpretations: &ignored).filter { !targetIDs.contains($0.id) }
        return Matches(recipients: inTargets, outsideTargets: outside, interpretations: interpretations)
    }

    private func filter(_ candidates: [Recipient], by query: RecipientQuery, interpretations: inout [String]) -> [Recipient] {
        var found = candidates
        if let department = query.department {
            found = found.filter { $0.department == department.code }
            interpretations.append("department \(department.code) (\(department.name))")
        }
        if let postcode = query.postcode, let department = Department(postcode: postcode) {
            found = found.filter { $0.department == department.code }
            let seats = Set(found.compactMap(\.constituency))
            interpretations.append("postcode \(postcode) → department \(department.code) (\(department.name))"
                + (seats.count == 1 && found.count == 1 ? ", its one constituency" : ""))
        }
        if let text = query.text {
            let result = RecipientSearch(recipients: found).search(text)
            found = result.recipients
            interpretations += result.interpretations
        }
        if Set(found.map(\.department)).count == 1 {
            // The deputies of one place read better in their constituencies' order than in the list's.
            found.sort { ($0.constituency ?? .max, $0.name) < ($1.constituency ?? .max, $1.name) }
        }
        return found
    }
}
