/// Which column of a source file holds which recipient field.
///
/// Presets cover the sources Cartable ships; anything else is mapped explicitly, e.g. in a campaign file
/// `columns: {name: Nom, twitter: Compte X, department: Dépt}`.
public struct ColumnMapping: Sendable, Hashable {
    /// The preset's name, or `custom` for an explicit mapping.
    public var name: String
    /// For each field, the column that holds it.
    public var columns: [RecipientField: String]
    /// Whether a file must have every mapped column (presets of known exports, explicit mappings), or may have
    /// any of them (Cartable's own format, where a hand-written list holds just the columns it needs).
    public var requiresEveryColumn: Bool

    /// A mapping from fields to the columns that hold them; with `requiresEveryColumn`, a file lacking one of
    /// the columns is refused.
    public init(name: String = "custom", columns: [RecipientField: String], requiresEveryColumn: Bool = true) {
        self.name = name
        self.columns = columns
        self.requiresEveryColumn = requiresEveryColumn
    }

    /// Cartable's own format, as `cartable recipients import` writes it: columns named after the fields, any of
    /// them optional but a name (`name`, or `first_name` and `last_name`).
    public static let cartable = ColumnMapping(
        name: "cartable",
        columns: Dictionary(uniqueKeysWithValues: RecipientField.allCases.map { ($0, $0.rawValue) }),
        requiresEveryColumn: false
    )

    /// Datan's `deputes-active.csv` (deputies of the current legislature, Assemblée nationale open data).
    public static let datan = ColumnMapping(name: "datan", columns: [
        .id: "id", .firstName: "prenom", .lastName: "nom", .group: "groupeAbrev", .groupName: "groupe",
        .department: "departementCode", .departmentName: "departementNom", .constituency: "circo",
        .email: "mail", .twitter: "twitter",
    ])

    /// NosDéputés.fr / Regards Citoyens deputies (`deputes-historique-leg14.json` and the NosDéputés API).
    /// `groupe_sigle` is the *last* group: an import with a date (``RecipientImport``) takes the group held then.
    public static let nosdeputes = ColumnMapping(name: "nosdeputes", columns: [
        .id: "slug", .name: "nom", .firstName: "prenom", .lastName: "nom_de_famille", .twitter: "twitter",
        .group: "groupe_sigle", .department: "num_deptmt", .departmentName: "nom_circo", .constituency: "num_circo",
    ])

    /// Regards Citoyens' `twitter-parlementaires` CSV: deputies with their X account, joined on the NosDéputés slug.
    public static let twitterParlementaires = ColumnMapping(name: "twitter-parlementaires", columns: [
        .id: "slug", .name: "nom", .firstName: "prenom", .lastName: "nom_de_famille", .twitter: "twitter",
    ])

    /// Every preset a campaign file or an import may name, Cartable's own format first.
    public static let presets: [ColumnMapping] = [.cartable, .datan, .nosdeputes, .twitterParlementaires]

    /// The preset with that name.
    public init?(preset name: String) {
        guard let preset = Self.presets.first(where: { $0.name == name }) else { return nil }
        self = preset
    }
}
