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
    /// How messages are measured: a length profile name (`twitter-classic`, `twitter`, `twitter-v2`, `mastodon`,
    /// `bluesky`).
    public var profile: String
    /// For the `mastodon` profile, the instance's limit (default 500).
    public var profileLimit: Int?
    /// The recipient list.
    public var recipients: RecipientSource
    /// Which recipients of the list the campaign writes to.
    public var targets: TargetSelector
    /// How a message addresses its recipient.
    public var addressing: Addressing
    /// The message texts.
    public var templates: [TemplateVariant]
    /// Decides, with the id, which recipient gets which variant (see ``VariantRotation``); change it to reshuffle.
    public var seed: Int
    /// The pace of sending.
    public var sending: SendingLimits
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

/// How a message addresses its recipient on the channel.
public enum Addressing: String, Sendable, Hashable, CaseIterable {
    /// `.@handle` then the text: a public post on X that still notifies the recipient (a post starting with
    /// `@handle` is a reply, hidden from the author's followers' timelines).
    case dotMention = "dot-mention"
    /// `@handle` then the text.
    case mention
    /// The text places the mention itself with `{{handle}}`.
    case inline
    /// No mention (the webhook channel, or an e-mail-like message).
    case none

    /// The default for a channel: `.@handle` on X, `@handle` on Mastodon and Bluesky, nothing on a webhook.
    public static func defaultFor(_ channel: Channel) -> Addressing {
        switch channel {
        case .twitter: .dotMention
        case .mastodon, .bluesky: .mention
        case .webhook: .none
        }
    }

    /// What goes before the rendered template for a recipient whose mention is `mention`.
    public func prefix(mention: String?) -> String {
        guard let mention else { return "" }
        switch self {
        case .dotMention: return "." + mention + " "
        case .mention: return mention + " "
        case .inline, .none: return ""
        }
    }
}

/// One wording of the campaign's message.
public struct TemplateVariant: Sendable, Hashable {
    /// Identifier, unique in the campaign: `emploi`, `v2`.
    public var id: String
    /// The parsed text.
    public var text: TemplateText
    /// The recipients this wording is for; `nil` means the rest (everyone no segment-specific variant covers).
    public var segment: RecipientFilter?
    /// Whether the variant is kept out of the rotation and used only when the chosen one does not fit
    /// (`fallback: true`).
    public var isFallback: Bool
    /// Where the text is in the campaign file.
    public var location: SourceLocation
}

/// The pace of sending.
public struct SendingLimits: Sendable, Hashable {
    /// At most this many messages to one recipient in an hour.
    public var perRecipientPerHour: Int
    /// At most this many messages to one recipient in a day.
    public var perRecipientPerDay: Int
    /// Sending starts at this time of day, `HH:MM`.
    public var from: String
    /// Sending stops at this time of day, `HH:MM`.
    public var to: String
    /// The time zone of `from`, `to` and the window (IANA name: `Europe/Paris`).
    public var timeZone: String
    /// First day or moment of the campaign, `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`.
    public var windowStart: String?
    /// Last day or moment of the campaign.
    public var windowEnd: String?

    /// One message per recipient per hour and per day, 09:00–20:00, Paris time, no window.
    public static let `default` = SendingLimits(
        perRecipientPerHour: 1, perRecipientPerDay: 1, from: "09:00", to: "20:00", timeZone: "Europe/Paris",
        windowStart: nil, windowEnd: nil
    )
}
