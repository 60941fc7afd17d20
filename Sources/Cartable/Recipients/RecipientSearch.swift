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
        /// How the query was understood: `postcode 91300 → Essonne 6th constituency`.
        public var readings: [SearchReading]
        /// What would narrow the answer down: which commune of a postcode lies in which constituency, or that
        /// several communes bear the name typed.
        public var advice: [SearchAdvice] = []
        /// The places the query named (a postcode's communes, the communes of that name), each with its seats: what
        /// a supporter can choose from when a postcode spans several constituencies.
        public var localities: [Locality] = []

        /// ``readings`` in English.
        public var interpretations: [String] { readings.map(\.description) }
        /// ``advice`` in English.
        public var notes: [String] { advice.map(\.description) }
    }

    /// The recipients searched, in list order (matches come back in that order too).
    public let recipients: [Recipient]
    /// Each recipient's name folded into words, by id: folded once when the search is made, since folding is the
    /// costly part of a search and a server answers many searches over one list. An id given twice (a list never
    /// has one) is left out, and those recipients' names are folded again when the search is narrowed.
    private let nameWords: [String: [String]]
    /// The folded words of each of ``recipients``' names, in the same order: a search walks them without a lookup
    /// or a copy of a recipient.
    private let nameWordsInOrder: [[String]]
    /// Where each group code (in lower case) stands: the positions in ``recipients`` (ascending) of its members.
    private let positionsByGroup: [String: [Int]]
    /// Where each folded word of a name stands: the positions in ``recipients`` (ascending, each once) of the names
    /// holding it. A whole-word search looks its first word up here instead of comparing every name's words.
    private let positionsByWord: [String: [Int]]

    /// Creates a search over `recipients`, folding their names once.
    public init(recipients: [Recipient]) {
        self.recipients = recipients
        let inOrder = recipients.map(Self.words(ofNameOf:))
        var nameWords: [String: [String]] = [:]
        nameWords.reserveCapacity(recipients.count)
        var givenTwice: [String] = []
        for (recipient, words) in zip(recipients, inOrder) where nameWords.updateValue(words, forKey: recipient.id) != nil {
            givenTwice.append(recipient.id)
        }
        for id in givenTwice { nameWords[id] = nil }
        self.nameWords = nameWords
        nameWordsInOrder = inOrder
        positionsByGroup = Self.positionsByGroup(of: recipients)
        positionsByWord = Self.positions(of: inOrder)
    }

    private init(recipients: [Recipient], nameWords: [String: [String]]) {
        self.recipients = recipients
        self.nameWords = nameWords
        nameWordsInOrder = recipients.map { nameWords[$0.id] ?? Self.words(ofNameOf: $0) }
        positionsByGroup = Self.positionsByGroup(of: recipients)
        positionsByWord = Self.positions(of: nameWordsInOrder)
    }

    private static func positionsByGroup(of recipients: [Recipient]) -> [String: [Int]] {
        var positions: [String: [Int]] = [:]
        for (index, recipient) in recipients.enumerated() {
            if let group = recipient.group { positions[group.lowercased(), default: []].append(index) }
        }
        return positions
    }

    private static func positions(of nameWords: [[String]]) -> [String: [Int]] {
        var positions: [String: [Int]] = [:]
        for (index, words) in nameWords.enumerated() {
            for word in words where positions[word]?.last != index { positions[word, default: []].append(index) }
        }
        return positions
    }

    /// The same search over `subset`, a part of ``recipients``, reusing the names already folded.
    public func narrowed(to subset: [Recipient]) -> RecipientSearch {
        RecipientSearch(recipients: subset, nameWords: nameWords)
    }

    /// A query read once: trimmed, folded into words, and its postcode, department, places and group looked up.
    /// What it finds among recipients depends on the list searched; what it means does not, so one query can search
    /// several lists (``RecipientChoice`` searches a campaign's targets, then its whole list).
    public struct Query: Sendable {
        let trimmed: String
        /// The postcode's places, when the query is one.
        let postcode: PostcodeAnswer?
        /// A department code written as such (`91`, `2a`).
        let departmentCode: String?
        /// A department written by its name.
        let departmentNamed: Department?
        /// The communes, arrondissements or consular posts of that name.
        let places: [Locality]
        let group: String
        let words: [String]

        /// `text` read as a query.
        public init(_ text: String) {
            trimmed = text.trimmedOfWhitespace
            postcode = !trimmed.isEmpty && ConstituencyFinder.normalizedPostcode(trimmed) != nil ? ConstituencyFinder.lookUp(postcode: trimmed) : nil
            departmentCode = postcode == nil && !trimmed.isEmpty && trimmed.count <= 3 ? Department.normalizedCode(trimmed) : nil
            // Folded once for the department's name, the places and the words.
            let folded = trimmed.isEmpty ? "" : SearchText.fold(trimmed)
            departmentNamed = trimmed.isEmpty ? nil : RecipientSearch.departmentsByFoldedName[folded]
            places = trimmed.isEmpty || trimmed.allSatisfy(\.isNumber) ? [] : ConstituencyFinder.localities(folded: folded)
            group = trimmed.lowercased()
            words = trimmed.isEmpty ? [] : folded.split(separator: " ").map(String.init)
        }
    }

    /// The recipients matching `query`.
    public func search(_ query: String) -> Result {
        search(Query(query))
    }

    /// The recipients matching `query`, read already.
    public func search(_ query: Query) -> Result {
        let trimmed = query.trimmed
        var found: [Recipient] = []
        var seen = Set<String>()
        var readings: [SearchReading] = []
        var advice: [SearchAdvice] = []
        var localities: [Locality] = []
        func add(_ matches: [Recipient], _ reading: SearchReading?) {
            guard !matches.isEmpty else { return }
            if let reading { readings.append(reading) }
            for recipient in matches where seen.insert(recipient.id).inserted { found.append(recipient) }
        }
        func add(_ place: PlaceMatch) {
            guard !place.recipients.isEmpty else { return }
            readings += place.readings.dropLast()
            add(place.recipients, place.readings.last)
            advice += place.advice
            localities += place.localities
        }
        guard !trimmed.isEmpty else { return Result(recipients: [], readings: []) }

        if let postcode = query.postcode {
            let place = PlaceMatch.postcode(postcode, written: trimmed, among: recipients)
            add(place)
        } else if let code = query.departmentCode {
            add(inDepartment(code), Department(code: code).map(SearchReading.department) ?? .departmentCode(code))
        }
        if let department = query.departmentNamed {
            add(inDepartment(department.code), .department(department))
        }
        if !query.places.isEmpty { add(PlaceMatch.places(query.places, named: trimmed, among: recipients)) }
        let group = query.group
        add((positionsByGroup[group] ?? []).map { recipients[$0] }, .group(trimmed))
        let words = query.words
        if !words.isEmpty {
            // Whole words first ("Martin" should not bring every "Martine"); word starts only when nothing matched.
            // Only the names holding the first word can hold them all.
            var named = (positionsByWord[words[0]] ?? []).filter { index in words.allSatisfy(nameWordsInOrder[index].contains) }
            if named.isEmpty {
                named = nameWordsInOrder.indices.filter { index in
                    words.allSatisfy { word in nameWordsInOrder[index].contains { $0.hasPrefix(word) } }
                }
            }
            let nameMatches = named.map { recipients[$0] }
            add(nameMatches, .name(trimmed))
        }
        return Result(recipients: found, readings: readings, advice: advice, localities: localities)
    }

    /// Every department by its folded name (`seine saint denis`), folded once per process.
    static let departmentsByFoldedName: [String: Department] = Dictionary(
        Department.all.map { (SearchText.fold($0.name), $0) }, uniquingKeysWith: { first, _ in first })

    private static func words(ofNameOf recipient: Recipient) -> [String] {
        SearchText.words([recipient.name, recipient.firstName ?? "", recipient.lastName ?? ""].joined(separator: " "))
    }

    private func inDepartment(_ code: String) -> [Recipient] {
        recipients.filter { $0.department == code }
    }
}
