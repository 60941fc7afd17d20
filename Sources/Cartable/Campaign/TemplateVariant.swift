/// One wording of the campaign's message.
public struct TemplateVariant: Sendable, Hashable {
    /// Identifier, unique in the campaign: `emploi`, `v2`.
    public var id: String
    /// The wording, parsed and checked for unknown placeholders when the campaign file was read.
    public var text: TemplateText
    /// The recipients this wording is for; `nil` means the rest (everyone no segment-specific variant covers).
    public var segment: RecipientFilter?
    /// Whether the variant is kept out of the rotation and used only when the chosen one does not fit
    /// (`fallback: true`).
    public var isFallback: Bool
    /// Where the text is in the campaign file.
    public var location: SourceLocation
}
