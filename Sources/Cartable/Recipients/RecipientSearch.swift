/// Finds recipients the way a supporter asks: by name, ignoring accents, case and word order (`guedj`,
/// `Jerome Guedj`, `GUEDJ Jérôme`), by department code or name (`91`, `2a`, `Essonne`), by postcode (`91300` → the
/// deputy of Essonne's 6th constituency; `75011` → the two deputies Paris 11e is split between), by commune,
/// arrondissement or consular post (`Évry-Courcouronnes`, `Paris 11e`, `Londres`: see ``ConstituencyFinder``)
/// or by group code.
public struct RecipientSearch: Sendable {
    /// What a search found.
    public struct Result: Sendable {
        /// The recipients found, department and group matches first, then name matches, each once.
        public var recipients: [Recipient]
        /// How the query was understood, for people: `postcode 91300 → Essonne 6th constituency`.
        public var interpretations: [String]
        /// What would narrow the answer down, for people: which commune of a postcode lies in which constituency,
        /// or that several communes bear the name typed.
        public var notes: [String] = []
        /// The places the query named (a postcode's communes, the communes of that name), each with its seats: what
        /// a supporter can choose from when a postcode spans several constituencies.
        public var localities: [Locality] = []
    }

    /// The recipients searched, in list order (matches come back in that order too).
    public var recipients: [Recipient]

    /// Creates a search over `recipients`.
    public init(recipients: [Recipient]) {
        self.recipients = recipients
    }

    /// The recipients matching `query`.
    public func search(_ query: String) -> Result {
        let trimmed = query.trimmingCharacters(in: .whitespacesAndNewlines)
        var found: [Recipient] = []
        var seen = Set<String>()
        var interpretations: [String] = []
        var notes: [String] = []
        var localities: [Locality] = []
        func add(_ matches: [Recipient], _ interpretation: String) {
            guard !matches.isEmpty else { return }
            interpretations.append(interpretation)
            for recipient in matches where seen.insert(recipient.id).inserted { found.append(recipient) }
        }
        func add(_ place: PlaceMatch) {
            guard !place.recipients.isEmpty else { return }
            interpretations += place.interpretations.dropLast()
            add(place.recipients, place.interpretations.last ?? "")
            notes += place.notes
            localities += place.localities
        }
        guard !trimmed.isEmpty else { return Result(recipients: [], interpretations: []) }

        if ConstituencyFinder.normalizedPostcode(trimmed) != nil {
            let place = PlaceMatch.postcode(ConstituencyFinder.lookUp(postcode: trimmed), written: trimmed, among: recipients)
            add(place)
        } else if trimmed.count <= 3, let code = Department.normalizedCode(trimmed) {
            add(inDepartment(code), "department \(code) (\(Department(code: code)?.name ?? code))")
        }
        let folded = SearchText.fold(trimmed)
        if let department = Department.all.first(where: { SearchText.fold($0.name) == folded }) {
            add(inDepartment(department.code), "department \(department.code) (\(department.name))")
        }
        if !trimmed.allSatisfy(\.isNumber) {
            let places = ConstituencyFinder.localities(named: trimmed)
            if !places.isEmpty { add(PlaceMatch.places(places, named: trimmed, among: recipients)) }
        }
        let groupMatches = recipients.filter { $0.group.map { $0.lowercased() == trimmed.lowercased() } ?? false }
        add(groupMatches, "group \(trimmed.uppercased())")
        let words = SearchText.words(trimmed)
        if !words.isEmpty {
            // Whole words first ("Martin" should not bring every "Martine"); word starts only when nothing matched.
            let named = recipients.map { ($0, SearchText.words([$0.name, $0.firstName ?? "", $0.lastName ?? ""].joined(separator: " "))) }
            var nameMatches = named.filter { _, nameWords in words.allSatisfy(nameWords.contains) }.map(\.0)
            if nameMatches.isEmpty {
                nameMatches = named.filter { _, nameWords in
                    words.allSatisfy { word in nameWords.contains { $0.hasPrefix(word) } }
                }.map(\.0)
            }
            add(nameMatches, "name \"\(trimmed)\"")
        }
        return Result(recipients: found, interpretations: interpretations, notes: notes, localities: localities)
    }

    private func inDepartment(_ code: String) -> [Recipient] {
        recipients.filter { $0.department == code }
    }
}
