/// Finds recipients the way a supporter asks: by name, ignoring accents, case and word order (`guedj`,
/// `Jerome Guedj`, `GUEDJ Jérôme`), by department code or name (`91`, `2a`, `Essonne`), by postcode (`91000`,
/// `20000` → Corse-du-Sud, `97400` → Réunion) or by group code.
public struct RecipientSearch: Sendable {
    /// What a search found.
    public struct Result: Sendable {
        /// The recipients found, department and group matches first, then name matches, each once.
        public var recipients: [Recipient]
        /// How the query was understood, for people: `postcode 20000 → department 2A (Corse-du-Sud)`.
        public var interpretations: [String]
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
        func add(_ matches: [Recipient], _ interpretation: String) {
            guard !matches.isEmpty else { return }
            interpretations.append(interpretation)
            for recipient in matches where seen.insert(recipient.id).inserted { found.append(recipient) }
        }
        guard !trimmed.isEmpty else { return Result(recipients: [], interpretations: []) }

        if let department = Department(postcode: trimmed) {
            add(inDepartment(department.code), "postcode \(trimmed) → department \(department.code) (\(department.name))")
        } else if trimmed.count <= 3, let code = Department.normalizedCode(trimmed) {
            add(inDepartment(code), "department \(code) (\(Department(code: code)?.name ?? code))")
        }
        let folded = SearchText.fold(trimmed)
        if let department = Department.all.first(where: { SearchText.fold($0.name) == folded }) {
            add(inDepartment(department.code), "department \(department.code) (\(department.name))")
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
        return Result(recipients: found, interpretations: interpretations)
    }

    private func inDepartment(_ code: String) -> [Recipient] {
        recipients.filter { $0.department == code }
    }
}
