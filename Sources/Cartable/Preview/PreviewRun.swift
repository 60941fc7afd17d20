/// Runs a preview: selects the campaign's targets among the recipients, composes the whole batch in list order,
/// and hands over the messages the options ask to see, as they are composed.
public enum PreviewRun {
    /// Previews `composer`'s campaign over `recipients` (the whole list, in order; the campaign's targets are
    /// selected here), calling `show` for each message to show. Stops after `options.limit` messages.
    ///
    /// - Returns: the summary of the messages looked at.
    public static func run(
        _ composer: Composer, recipients: some Sequence<Recipient>, options: PreviewOptions = PreviewOptions(),
        show: (Message) throws -> Void
    ) rethrows -> PreviewSummary {
        let campaign = composer.campaign
        var summary = PreviewSummary(composer)
        var batch = BatchComposer(composer)
        var shown = 0
        if let limit = options.limit, limit <= 0 { return summary }
        for recipient in recipients where campaign.targets.includes(recipient) {
            let reachable = recipient.isReachable(on: campaign.channel)
            guard options.filter.isEmpty || options.filter.matchesAll(recipient) else {
                if reachable { batch.skip(recipient) }
                continue
            }
            summary.targets += 1
            guard reachable else {
                summary.addUnreachable(recipient)
                continue
            }
            let message = batch.compose(recipient)
            summary.add(message)
            guard !options.onlyProblems || !message.isValid else { continue }
            try show(message)
            shown += 1
            if let limit = options.limit, shown >= limit {
                summary.stoppedAtLimit = true
                break
            }
        }
        return summary
    }
}
