import Foundation

/// Where a campaign's recipients come from.
public struct RecipientSource: Sendable {
    /// The file as written in the campaign (relative to the campaign file).
    public var file: String
    /// The file resolved against the campaign file's folder.
    public var url: URL
    /// How to name the file in diagnostics: the campaign file's folder joined with `file`.
    public var displayPath: String
    /// Which column holds which field.
    public var mapping: ColumnMapping
    /// An overrides file, resolved like `url`.
    public var overrides: URL?
    /// How to name the overrides file in diagnostics.
    public var overridesDisplayPath: String?
    /// Where `file` is written in the campaign file.
    public var location: SourceLocation?
}
