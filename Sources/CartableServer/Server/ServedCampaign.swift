import Cartable

/// One campaign the server serves: its audience (list and targets), and the sender that posts "through the
/// campaign's account" when the campaign's `web.send_through_campaign` asks for it. A class: every request of the
/// campaign shares it, without copying what it holds.
public final class ServedCampaign: Sendable {
    /// The campaign, its recipient list and its targets.
    public let audience: CampaignAudience
    /// Who posts the campaign's wordings from its account; `nil` when the page offers no such sending.
    public let sender: (any MessageSender)?
    private let targetsByID: [String: Recipient]
    private let everyoneByID: [String: Recipient]
    /// The campaign's templates, compiled once for every supporter's draft, keeping the messages it composes.
    let composer: Composer
    /// Each target's rank in the batch (``MessageDraft/batchRank(of:among:composer:)``), worked out once.
    private let batchRanks: [String: Int]
    /// The campaign page's content, kept per language.
    let campaignPage = CampaignPageCache()
    /// Its deputies' lines (group, place, handle), kept per language.
    let deputyDetails = DeputyDetailsCache()
    /// Its deputies' pages, kept for the next supporter shown the same wording (about 6 KB each).
    let deputyPages = BoundedMemo<DeputyPageKey, HTML>(limit: 2_000)
    /// The finder's answers, by query (``Finder/answer(_:supporter:outbox:language:)``).
    let searches = BoundedMemo<RecipientQuery, RecipientChoice.Matches>(limit: 2_000)
    /// The campaign (kept apart from the audience, so that a request reads its fields without copying it).
    public let campaign: Campaign
    /// Its id, the path segment after `/c/`.
    public let id: String
    /// The campaign's `language`, when the page speaks it: the visitor's language unless they chose another.
    let language: Language?

    /// A campaign served with `sender` (built by the caller, e.g. over libcurl from the channel's settings).
    public init(audience: CampaignAudience, sender: (any MessageSender)?) {
        self.audience = audience
        self.sender = sender
        campaign = audience.campaign
        id = audience.campaign.id
        language = Language(code: audience.campaign.language)
        targetsByID = Dictionary(audience.targets.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        everyoneByID = Dictionary(audience.list.recipients.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        composer = Composer(campaign: audience.campaign).remembering()
        batchRanks = MessageDraft.batchRanks(among: audience.targets, composer: composer)
    }

    /// The target with this id, if the campaign writes to them.
    func target(_ id: String) -> Recipient? { targetsByID[id] }

    /// A recipient of the list with this id, target or not.
    func listed(_ id: String) -> Recipient? { everyoneByID[id] }

    /// The rank of `recipient` in the batch, for its drafts.
    func batchRank(of recipient: Recipient) -> Int {
        batchRanks[recipient.id] ?? MessageDraft.batchRank(of: recipient, among: audience.targets, composer: composer)
    }

    /// Whether the page offers sending through the campaign's account.
    var sendsThroughCampaign: Bool { campaign.web.sendThroughCampaign && sender != nil }
}
