/// How a supporter names the deputy they want to write to. Every part given must hold: the text `martin` with
/// the department `93` is the Martins of Seine-Saint-Denis.
public struct RecipientQuery: Sendable, Hashable {
    /// A name, whole or partial, in any case, with or without accents (`guedj`, `Jerome Guedj`); also a
    /// department, postcode, commune (`Évry-Courcouronnes`, `Paris 11e`) or group, as ``RecipientSearch``
    /// understands them. With ``postcode``, a commune's name narrows a postcode that spans several constituencies.
    public var text: String?
    /// A department, by code (`93`, `2a`) or name (`Seine-Saint-Denis`, `seine saint denis`).
    public var department: Department?
    /// A postcode: the deputies of the constituencies it reaches (`91300` → Essonne's 6th; `01000` → Ain's 1st and 4th),
    /// as ``ConstituencyFinder/lookUp(postcode:)`` answers. A postcode La Poste does not list gives its department's
    /// deputies by its first digits, and so does a recipient list without constituency numbers; either is said in
    /// the interpretations.
    public var postcode: String?

    /// A query; `department` and `postcode` are checked with ``department(named:)`` and
    /// ``ConstituencyFinder/lookUp(postcode:)``.
    public init(text: String? = nil, department: Department? = nil, postcode: String? = nil) {
        self.text = text
        self.department = department
        self.postcode = postcode
    }

    /// Whether the query names nothing (then every target is a candidate, as a request for a suggestion wants).
    public var isEmpty: Bool { text == nil && department == nil && postcode == nil }

    /// The department written as a code or a name (accents, case and punctuation ignored), or `nil`.
    public static func department(named written: String) -> Department? {
        if let byCode = Department(code: written) { return byCode }
        let folded = SearchText.fold(written)
        guard !folded.isEmpty else { return nil }
        return RecipientSearch.departmentsByFoldedName[folded]
    }
}
