/// Runs a preview: walks the campaign's batch (``CampaignBatch``) and hands over the messages the options ask to see,
/// as they are composed, while the summary counts them all.
public enum PreviewRun {
    /// Previews `composer`'s campaign over `recipients` (the whole list, in order; the campaign's targets are
    /// selected here), calling `show` for each message to show. Stops after `options.limit` messages. The batch is
    /// read and composed on a thread of its own (``ReadAhead``), done when this returns.
    ///
    /// - Returns: the summary of the messages looked at.
    public static func run(
        _ composer: Composer, recipients: some Sequence<Recipient>, options: PreviewOptions = PreviewOptions(),
        show: (Message) throws -> Void
    ) rethrows -> PreviewSummary {
        var summary = PreviewSummary(composer)
        var shown = 0
        if let limit = options.limit, limit <= 0 { return summary }
        // Read and composed on another core, while this one counts and shows.
        let items = ReadAhead(CampaignBatch(composer, recipients: recipients, filter: options.filter))
        defer { items.stop() }
        for item in items {
            summary.targets += 1
            switch item {
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
