/// Composes a campaign's messages: renders a variant for each recipient, measures it, and fits it to the limit.
///
/// Build one per campaign (templates are compiled once), then compose a whole batch with
/// ``messages(for:)`` or ``BatchComposer``. The rules, also in `docs/campaign-format.md`:
///
/// - **Which variant.** Each recipient gets one variant of its set (the variants whose `when` it matches, or
///   those without `when`), by ``VariantRotation``: in turn, in list order, from a start the campaign's id and
///   `seed` decide. Variants marked `fallback: true` are left out of the rotation.
/// - **Fitting.** When the chosen variant does not fit the recipient (a long name or handle), the composer tries
///   the set's `fallback: true` variants in file order, then its other variants, shortest first; then, variant by
///   variant in that order, leaves out optional parts (`{{#optional}}...{{/optional}}`), the last one first.
/// - **Nothing fits.** The message keeps the shortest text tried, whole, with a ``MessageProblem/tooLong(weightedLength:maxLength:)``
///   problem: never truncated.
public struct Composer: Sendable {
    /// The campaign whose templates are compiled.
    public let campaign: Campaign
    /// How messages are measured and fitted: the campaign's profile.
    public let profile: LengthProfile
    /// Who sends, for the idempotency key: ``IdempotencyKey/organiser`` for a batch.
    public private(set) var supporter: String
    /// The instance Mastodon intent links open, when the channel is Mastodon.
    public private(set) var mastodonInstance: MastodonInstance?

    private let programs: [TemplateProgram]
    private let rotation: VariantRotation
    private let restSet: VariantSet
    /// The segmented templates' positions with their compiled `when`.
    private let segments: [(index: Int, matcher: SegmentMatcher)]
    /// The sender that posts the campaign's messages on its own platform: the channel of the messages' keys.
    private let platformSender: ChannelDescriptor
    private var linkPrefix: String?
    /// Whether every `when` names groups only, so a recipient's variant set depends on its group alone.
    let segmentsDependOnGroupOnly: Bool
    /// The messages composed so far, shared by this composer's copies, when ``remembering()`` made it.
    private var memo: CompositionMemo?

    /// Compiles `campaign`'s templates.
    public init(campaign: Campaign, supporter: String = IdempotencyKey.organiser, mastodonInstance: MastodonInstance? = nil) {
        self.campaign = campaign
        profile = campaign.profile
        self.supporter = supporter
        self.mastodonInstance = mastodonInstance
        programs = campaign.templates.map { TemplateProgram($0.text, campaign: campaign) }
        rotation = VariantRotation(campaignID: campaign.id, seed: campaign.seed)
        restSet = Self.set(campaign.templates.indices.filter { campaign.templates[$0].segment == nil }, of: campaign)
        segments = campaign.templates.enumerated().compactMap { index, variant in
            variant.segment.map { (index, SegmentMatcher($0)) }
        }
        platformSender = BuiltInChannel.platformSender(for: campaign.channel)
        linkPrefix = IntentLink.prefix(on: campaign.channel, mastodonInstance: mastodonInstance)
        segmentsDependOnGroupOnly = campaign.templates.allSatisfy { variant in
            variant.segment.map { $0.departments.isEmpty && $0.constituencies.isEmpty && $0.ids.isEmpty } ?? true
        }
    }

    /// The same compiled templates, composing for `supporter` with intent links opening `mastodonInstance`: what a
    /// server keeps per campaign, so that each page does not compile the templates again.
    public func composing(for supporter: String, mastodonInstance: MastodonInstance?) -> Composer {
        var composer = self
        composer.supporter = supporter
        composer.mastodonInstance = mastodonInstance
        composer.linkPrefix = IntentLink.prefix(on: campaign.channel, mastodonInstance: mastodonInstance)
        return composer
    }

    /// The same composer, keeping each message it composes (for a recipient and a variant) so that it is not composed
    /// again for the next supporter: what a server keeps per campaign. Its copies (``composing(for:mastodonInstance:)``)
    /// share what it keeps and set each message's idempotency key and intent link for their own supporter.
    public func remembering() -> Composer {
        var composer = self
        composer.memo = CompositionMemo()
        return composer
    }

    /// The variants meant for `recipient`: those whose segment it matches, or, when none does, those without one.
    public func variantSet(for recipient: Recipient) -> VariantSet {
        let group = recipient.group?.lowercased()
        let indices = segments.filter { $0.matcher.matches(recipient, lowercasedGroup: group) }.map(\.index)
        return indices.isEmpty ? restSet : Self.set(indices, of: campaign)
    }

    /// The set of the variants at `indices`, with those that take turns: all but the fallbacks (or all, if every
    /// one is a fallback).
    private static func set(_ indices: [Int], of campaign: Campaign) -> VariantSet {
        let members = indices.filter { !campaign.templates[$0].isFallback }
        return VariantSet(indices: indices, rotation: members.isEmpty ? indices : members)
    }

    /// The segmented templates `recipient` matches, as bits of their order among the segmented templates, when
    /// there are at most 64 of them: a cheap key for the recipient's variant set.
    func segmentBits(for recipient: Recipient) -> UInt64? {
        guard segments.count <= 64 else { return nil }
        let group = recipient.group?.lowercased()
        var bits: UInt64 = 0
        for (bit, segment) in segments.enumerated() where segment.matcher.matches(recipient, lowercasedGroup: group) {
            bits |= 1 << UInt64(bit)
        }
        return bits
    }

    /// The message for `recipient`, the one numbered `rank` (from 0, in list order) among the targets that share
    /// its variant set.
    public func message(for recipient: Recipient, rank: Int) -> Message {
        message(for: recipient, in: variantSet(for: recipient), rank: rank)
    }

    /// The messages for the reachable recipients among `targets`, composed lazily, in order.
    public func messages<Targets: Sequence<Recipient>>(for targets: Targets) -> ComposedMessages<Targets> {
        ComposedMessages(composer: self, targets: targets)
    }

    /// The text variant `id` gives for `recipient`, whole (no fitting), or `nil` when the campaign has no such variant.
    public func text(ofVariant id: String, for recipient: Recipient) -> String? {
        guard let index = campaign.templates.firstIndex(where: { $0.id == id }) else { return nil }
        let mention = recipient.mention(on: campaign.channel)
        var text = MessageText()
        text.reset(prefix: campaign.addressing.prefix(mention: mention))
        programs[index].render(for: recipient, mention: mention, keptOptionalParts: .max, into: &text)
        return text.finish()
    }

    func message(for recipient: Recipient, in set: VariantSet, rank: Int) -> Message {
        var text = MessageText()
        return message(for: recipient, in: set, rank: rank, buffer: &text)
    }

    /// The message, rendered in `text`, a buffer reused from message to message.
    func message(for recipient: Recipient, in set: VariantSet, rank: Int, buffer text: inout MessageText) -> Message {
        guard !set.isEmpty else {
            return finish(recipient, text: "", measurement: profile.measure(""), variant: nil,
                          fitting: Message.Fitting(chosenVariantID: nil), problems: [.noTemplate])
        }
        let members = set.rotation
        let chosen = members[rotation.pick(rank: rank, among: members.count)]
        guard let memo else { return compose(recipient, set: set, chosen: chosen, buffer: &text) }
        if var kept = memo.message(for: recipient, variant: chosen) {
            // Composed for another supporter: the same text, measurement and problems; this supporter's key and link.
            kept.intentLinkPrefix = kept.problems.isEmpty ? linkPrefix : nil
            kept.idempotencyKey = IdempotencyKey(campaign: campaign.id, supporter: supporter, recipient: recipient.id, channel: platformSender)
            return kept
        }
        let message = compose(recipient, set: set, chosen: chosen, buffer: &text)
        memo.keep(message, variant: chosen)
        return message
    }

    /// The message from the variant at `chosen` of `set`, fitted.
    private func compose(_ recipient: Recipient, set: VariantSet, chosen: Int, buffer text: inout MessageText) -> Message {
        let mention = recipient.mention(on: campaign.channel)
        let prefix = campaign.addressing.prefix(mention: mention)
        let members = set.rotation

        func attempt(_ index: Int, keptOptionalParts: Int) -> (text: String, measurement: Measurement) {
            text.reset(prefix: prefix)
            programs[index].render(for: recipient, mention: mention, keptOptionalParts: keptOptionalParts, into: &text)
            let rendered = text.finish()
            return (rendered, profile.measure(rendered))
        }

        let whole = attempt(chosen, keptOptionalParts: .max)
        if whole.measurement.valid {
            return finish(recipient, text: whole.text, measurement: whole.measurement, variant: chosen,
                          fitting: Message.Fitting(chosenVariantID: campaign.templates[chosen].id), problems: [])
        }
        return fit(recipient, set: set, members: members, chosen: chosen, firstTry: whole, attempt: attempt)
    }

    /// The chosen variant does not fit: tries the others, then leaves out optional parts.
    private func fit(
        _ recipient: Recipient, set: VariantSet, members: [Int], chosen: Int,
        firstTry: (text: String, measurement: Measurement),
        attempt: (Int, Int) -> (text: String, measurement: Measurement)
    ) -> Message {
        let chosenID = campaign.templates[chosen].id
        var shortest = (variant: chosen, kept: Int.max, try: firstTry)
        func keepIfShorter(_ variant: Int, _ kept: Int, _ result: (text: String, measurement: Measurement)) {
            if result.measurement.weightedLength < shortest.try.measurement.weightedLength { shortest = (variant, kept, result) }
        }
        func fitted(_ variant: Int, kept: Int, _ result: (text: String, measurement: Measurement)) -> Message {
            let dropped = kept == .max ? 0 : programs[variant].optionalParts - kept
            let fitting = Message.Fitting(
                chosenVariantID: chosenID, usedFallback: variant != chosen,
                fallbackIsMarked: campaign.templates[variant].isFallback, droppedOptionalParts: dropped)
            return finish(recipient, text: result.text, measurement: result.measurement, variant: variant, fitting: fitting, problems: [])
        }

        // Marked fallbacks in file order, then the other variants of the rotation, shortest first.
        let marked = set.indices.filter { $0 != chosen && campaign.templates[$0].isFallback }
        var others: [(index: Int, result: (text: String, measurement: Measurement))] = []
        for index in marked {
            let result = attempt(index, .max)
            if result.measurement.valid { return fitted(index, kept: .max, result) }
            keepIfShorter(index, .max, result)
        }
        for index in members where index != chosen && !campaign.templates[index].isFallback {
            let result = attempt(index, .max)
            others.append((index, result))
            keepIfShorter(index, .max, result)
        }
        let fittingOthers = others.filter(\.result.measurement.valid)
        if let best = fittingOthers.min(by: { $0.result.measurement.weightedLength < $1.result.measurement.weightedLength }) {
            return fitted(best.index, kept: .max, best.result)
        }
        let byLength = others.sorted { $0.result.measurement.weightedLength < $1.result.measurement.weightedLength }.map(\.index)

        // Then each variant in the same order, leaving out optional parts one by one, the last first.
        for index in [chosen] + marked + byLength {
            let parts = programs[index].optionalParts
            for kept in stride(from: parts - 1, through: 0, by: -1) {
                let result = attempt(index, kept)
                if result.measurement.valid { return fitted(index, kept: kept, result) }
                keepIfShorter(index, kept, result)
            }
        }

        let best = shortest.try.measurement
        let problem: MessageProblem = best.excess > 0 ? .tooLong(weightedLength: best.weightedLength, maxLength: best.maxLength) : .invalid
        let dropped = shortest.kept == .max ? 0 : programs[shortest.variant].optionalParts - shortest.kept
        let fitting = Message.Fitting(
            chosenVariantID: chosenID, usedFallback: shortest.variant != chosen,
            fallbackIsMarked: campaign.templates[shortest.variant].isFallback, droppedOptionalParts: dropped)
        return finish(recipient, text: shortest.try.text, measurement: best, variant: shortest.variant, fitting: fitting, problems: [problem])
    }

    private func finish(
        _ recipient: Recipient, text: String, measurement: Measurement, variant: Int?, fitting: Message.Fitting,
        problems: [MessageProblem]
    ) -> Message {
        var problems = problems
        if problems.isEmpty {
            let mention = recipient.mention(on: campaign.channel)
            let address = campaign.addressing.prefix(mention: mention)
            if let problem = MessageContentCheck.problem(in: text, address: address, mention: mention) { problems = [problem] }
        }
        return Message(
            recipient: recipient, channel: campaign.channel, text: text, measurement: measurement,
            variantID: variant.map { campaign.templates[$0].id }, fitting: fitting, problems: problems,
            intentLinkPrefix: problems.isEmpty ? linkPrefix : nil,
            idempotencyKey: IdempotencyKey(campaign: campaign.id, supporter: supporter, recipient: recipient.id, channel: platformSender)
        )
    }
}
