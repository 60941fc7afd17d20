/// Runs a preview: walks the campaign's batch (``CampaignBatch``) and hands over the messages the options ask to see,
/// as they are composed, while the summary counts them all.
public enum PreviewRun {
    /// Previews `composer`'s campaign over `recipients` (the whole list, in order; the campaign's targets are
    /// selected here), calling `show` for each message to show. Stops after `options.limit` messages. The batch is
    /// read and composed on threads of their own (``ReadAhead``), done when this returns.
    ///
    /// - Returns: the summary of the messages looked at.
    public static func run(
        _ composer: Composer, recipients: some Sequence<Recipient>, options: PreviewOptions = PreviewOptions(),
        show: (Message) throws -> Void
    ) rethrows -> PreviewSummary {
        var summary = PreviewSummary(composer)
        var shown = 0
        if let limit = options.limit, limit <= 0 { return summary }
        // Read on one thread, composed on another, while this one counts and shows: three stages for two cores, so
        // that whichever is idle takes the work of the others.
        let read = ReadAhead(recipients)
        let items = ReadAhead(CampaignBatch(composer, recipients: read, filter: options.filter))
        defer {
            items.stop()
            read.stop()
        }
        for item in items {
            summary.targets += 1
            switch consume item {
            case .unreachable(let recipient):
                summary.addUnreachable(recipient)
            case .message(let message):
                summary.add(message)
                guard !options.onlyProblems || !message.isValid else { continue }
                try show(message)
                shown += 1
                if let limit = options.limit, shown >= limit {
                    summary.stoppedAtLimit = true
                    return summary
                }
            }
        }
        return summary
    }
}
