extension Campaign {
    /// The length profile messages are measured with (mastodon with the campaign's limit, if it gives one).
    public var lengthProfile: LengthProfile? {
        profile == "mastodon" ? .mastodon(limit: profileLimit ?? 500) : LengthProfile(named: profile)
    }
}

extension CampaignLint {
    /// Measures every draft with the campaign's profile; each message over the limit (or refused for another
    /// reason, such as a character the platform does not accept) is an error at its variant's text, naming the
    /// recipient and by how much.
    static func measure(_ drafts: [(TemplateVariant, DraftMessage)], campaign: Campaign, into report: inout Report) {
        guard let profile = campaign.lengthProfile else {
            report.diagnostics.append(Diagnostic(.error, at: campaign.locations.file, message: "unknown length profile '\(campaign.profile)'"))
            return
        }
        report.profile = profile.name
        var summaries: [String: VariantSummary] = [:]
        for (variant, draft) in drafts {
            let measurement = profile.measure(draft.text)
            report.messagesChecked += 1
            var summary = summaries[variant.id]
                ?? VariantSummary(id: variant.id, recipients: 0, longest: 0, maxLength: measurement.maxLength, longestFor: nil)
            summary.recipients += 1
            if measurement.weightedLength > summary.longest {
                summary.longest = measurement.weightedLength
                summary.longestFor = RecipientReference(id: draft.recipient.id, name: draft.recipient.name)
            }
            summaries[variant.id] = summary
            guard !measurement.valid else { continue }
            let who = "\(draft.recipient.name)\(draft.recipient.mention(on: campaign.channel).map { " (\($0))" } ?? "")"
            if measurement.excess > 0 {
                report.messagesOverLimit += 1
                report.diagnostics.append(Diagnostic(
                    .error, at: variant.location,
                    message: "template '\(variant.id)' for \(who) is \(measurement.weightedLength) characters on \(profile.name), \(measurement.excess) over the limit of \(measurement.maxLength)",
                    hint: "shorten the text by \(measurement.excess), or add a shorter variant for the same recipients: \(draft.text)"))
            } else {
                report.diagnostics.append(Diagnostic(
                    .error, at: variant.location,
                    message: "template '\(variant.id)' for \(who) is not a valid \(profile.name) message (empty, or holding a character the platform refuses)",
                    hint: "the message: \(draft.text)"))
            }
        }
        report.variants = campaign.templates.compactMap { summaries[$0.id] }
    }
}
