import Foundation

/// Turns a raw source export into a clean recipient list: what `cartable recipients import` does, so the
/// shipped lists can be regenerated from the files under `Campaigns/Recipients/sources/` (or from a newer export).
public struct RecipientImport: Sendable {
    /// A file read through a column mapping.
    public struct Source: Sendable {
        /// Where the file is.
        public var url: URL
        /// How to name it in diagnostics.
        public var path: String
        /// Which column holds which field.
        public var mapping: ColumnMapping

        /// Creates a source; `path` defaults to the URL's path.
        public init(url: URL, path: String? = nil, mapping: ColumnMapping) {
            self.url = url
            self.path = path ?? url.path
            self.mapping = mapping
        }
    }

    /// The main source: who the recipients are.
    public var source: Source
    /// When set (`YYYY-MM-DD`), keep only the deputies seated that day, with their group that day
    /// (needs a NosDéputés history with `anciens_mandats` and `groupes_historique`).
    public var seatedOn: String?
    /// Further sources whose handles fill the ones the main source lacks, matched by id.
    public var handleSources: [Source]
    /// An overrides file applied last.
    public var overrides: URL?
    /// How to name the overrides file in diagnostics.
    public var overridesPath: String?

    /// An import of `source`, keeping the group held on `seatedOn` (a `YYYY-MM-DD` date) when given, taking
    /// handles from `handleSources` and applying `overrides`.
    public init(source: Source, seatedOn: String? = nil, handleSources: [Source] = [], overrides: URL? = nil, overridesPath: String? = nil) {
        self.source = source
        self.seatedOn = seatedOn
        self.handleSources = handleSources
        self.overrides = overrides
        self.overridesPath = overridesPath
    }

    /// Reads the source list (only those seated on `seatedOn`, when given), fills in the handles it lacks from each
    /// handle source, then applies the overrides; every step's diagnostics end up in the list's.
    ///
    /// - Throws: ``RecipientListError`` when a file cannot be read at all; every other problem is a diagnostic of
    ///   the returned list.
    public func run() throws(RecipientListError) -> RecipientList {
        var list: RecipientList
        if let seatedOn {
            guard SeatedOnDate.isDate(seatedOn) else {
                throw RecipientListError(path: source.path, reason: "'\(seatedOn)' is not a date written YYYY-MM-DD")
            }
            if let irregularity = CampaignFileAccess.irregularity(of: source.url.path) {
                throw RecipientListError(path: source.path, reason: irregularity)
            }
            guard let data = try? Data(contentsOf: source.url) else {
                throw RecipientListError(path: source.path, reason: "does not exist or cannot be read")
            }
            let seated = try SeatedOnDate(date: seatedOn, json: data, path: source.path)
            let columns = Set(seated.records.flatMap(\.values.keys)).sorted()
            list = RecipientList(records: seated.records, columns: columns, path: source.path, mapping: source.mapping)
            let summary = Diagnostic(
                .note, file: source.path,
                message: "\(seated.records.count) records seated on \(seatedOn); \(seated.notSeated) not seated that day were left out"
            )
            list.diagnostics = [summary] + seated.diagnostics + list.diagnostics
            list.encoding = .utf8
        } else {
            list = try RecipientList.load(contentsOf: source.url, displayPath: source.path, mapping: source.mapping)
        }
        for handleSource in handleSources {
            let other = try RecipientList.load(contentsOf: handleSource.url, displayPath: handleSource.path, mapping: handleSource.mapping)
            list.diagnostics += other.diagnostics
            for channel in [Channel.twitter, .mastodon, .bluesky] where handleSource.mapping.columns[RecipientField(rawValue: channel.rawValue) ?? .twitter] != nil {
                list.fillHandles(on: channel, from: other)
            }
        }
        if let overrides {
            let (loaded, diagnostics) = try RecipientOverrides.load(contentsOf: overrides, displayPath: overridesPath)
            list.diagnostics += diagnostics
            loaded.apply(to: &list)
        }
        return list
    }
}
