import Foundation

/// A campaign as its organiser wrote it, checked: who writes, about what, to whom, on which channel, with which
/// texts and at what pace. Read one with ``CampaignFile/load(contentsOf:displayPath:)``.
public struct Campaign: Sendable {
    /// Short identifier, letters, digits and dashes: `sensetwitt-2012`.
    public var id: String
    /// Title for people.
    public var title: String
    /// Who runs the campaign.
    public var organiser: String
    /// Language of the messages, ISO 639-1: `fr`.
    public var language: String
    /// The cause's link, put in messages with `{{link}}`.
    public var link: String?
    /// Hashtags without `#`, put in messages with `{{hashtags}}`.
    public var hashtags: [String]
    /// Where the messages are posted.
    public var channel: Channel
    /// How messages are measured: the profile the file names (`twitter-classic` when it names none), with the
    /// instance's limit for `mastodon` when the file gives one.
    public var profile: LengthProfile
    /// The recipient file, its column mapping and its overrides file, resolved against the campaign file's folder.
    public var recipients: RecipientSource
    /// Which recipients of the list the campaign writes to.
    public var targets: TargetSelector
    /// How a message addresses its recipient.
    public var addressing: Addressing
    /// The wordings, in file order; at least one. Each recipient gets one of those meant for them.
    public var templates: [TemplateVariant]
    /// Decides, with the id, which recipient gets which variant (see ``VariantRotation``); change it to reshuffle.
    public var seed: Int
    /// Per-recipient caps, sending hours and the campaign's window (``SendingLimits/default`` when unset).
    public var sending: SendingLimits
    /// The supporters' web page: its intro, whether it sends through the campaign, embedding, limits.
    public var web: WebSettings = .default
    /// Where things are in the campaign file, for diagnostics found after loading (an empty target set, a
    /// message too long).
    public var locations: Locations

    /// Positions of the campaign file's main keys.
    public struct Locations: Sendable, Hashable {
        /// The campaign file itself (line 1).
        public var file: SourceLocation
        /// The `targets` key.
        public var targets: SourceLocation?
        /// The `recipients` key (or its `file`).
        public var recipients: SourceLocation?
        /// The `templates` key.
        public var templates: SourceLocation?
    }
}
