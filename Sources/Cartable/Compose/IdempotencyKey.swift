/// What makes a message unique in the outbox and recognisable by a platform on a retry: who sends (campaign and
/// supporter), to whom, and on which sending channel.
///
/// The key is made once from these four parts and travels as a value from the composer to the outbox row and to the
/// sender; it is never parsed back. Its fourth part is always the **sending channel's name**
/// (``ChannelDescriptor/name``: `x`, `mastodon`, `bluesky`, `webhook`, `dry-run`), so one batch queued for the dry run
/// and then for X is two sets of messages. Its text, ``rawValue``, joins the parts with `/`, writing `%` and `/`
/// inside a part as `%25` and `%2F`, so two different sets of parts never give the same text:
/// `sensetwitt-2012/organiser/jerome-guedj/x`.
public struct IdempotencyKey: Sendable, Hashable, CustomStringConvertible {
    /// The campaign's id.
    public let campaign: String
    /// Who sends: ``organiser`` for a campaign's batch, or a supporter's id.
    public let supporter: String
    /// The recipient's id.
    public let recipient: String
    /// The sending channel's name.
    public let channel: String

    /// The supporter of a batch the organiser sends.
    public static let organiser = "organiser"

    /// The key for a message of `campaign`, sent by `supporter`, to `recipient`, through `channel`.
    public init(campaign: String, supporter: String = IdempotencyKey.organiser, recipient: String, channel: ChannelDescriptor) {
        self.init(campaign: campaign, supporter: supporter, recipient: recipient, channelName: channel.name)
    }

    /// A key from parts kept apart, as an outbox stores them (the channel by its name).
    public init(campaign: String, supporter: String, recipient: String, channelName: String) {
        self.campaign = campaign
        self.supporter = supporter
        self.recipient = recipient
        channel = channelName
    }

    /// The same message's key when it goes through `channel` instead.
    public func via(_ channel: ChannelDescriptor) -> IdempotencyKey {
        IdempotencyKey(campaign: campaign, supporter: supporter, recipient: recipient, channelName: channel.name)
    }

    /// The key as text, `campaign/supporter/recipient/channel`: what the outbox keeps unique and what a platform
    /// receives as `Idempotency-Key`.
    public var rawValue: String {
        // Put together in one allocation: `queue` and `preview` ask for it once per message.
        var text = ""
        text.reserveCapacity(campaign.utf8.count + supporter.utf8.count + recipient.utf8.count + channel.utf8.count + 3)
        writeRawValue { text += $0 }
        return text
    }

    /// Hands ``rawValue`` over in pieces, in order (each part escaped, and the `/`s between them), to a writer that
    /// appends them to a buffer of its own: a preview of a million messages writes each key without making its text.
    public func writeRawValue(_ write: (String) -> Void) {
        write(Self.escape(campaign))
        write("/")
        write(Self.escape(supporter))
        write("/")
        write(Self.escape(recipient))
        write("/")
        write(Self.escape(channel))
    }

    /// The key as text.
    public var description: String { rawValue }

    /// The range of key texts that begin with `parts` (each escaped, then `/`): every key whose first parts are
    /// these, and no other, since a part never holds a bare `/`. `upper` is `lower` with its last `/` made `0`, the
    /// next byte, so that `lower <= key < upper` in byte order (SQLite's BINARY) is an index range on the key.
    public static func textRange(startingWith parts: [String]) -> (lower: String, upper: String) {
        let prefix = parts.map(escape).joined(separator: "/")
        return (prefix + "/", prefix + "0")
    }

    /// `%` and `/` inside a part, written `%25` and `%2F`.
    static func escape(_ part: String) -> String {
        // Over the contiguous bytes: the `utf8` view's generic `contains` was a few percent of a jsonl preview's writing.
        guard part.withUTF8Bytes({ $0.contains { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "/") } }) else { return part }
        return part.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "/", with: "%2F")
    }
}
