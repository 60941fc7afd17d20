/// Writes a preview in one of the ``PreviewFormat``s, piece by piece as messages come, so the streaming formats
/// (jsonl, csv, json, table) never hold the batch; the HTML report keeps it to show problems first.
///
/// Call ``begin()``, then ``add(_:)`` for each message, then ``end(_:)``, and write out each returned text.
public struct PreviewRenderer: Sendable {
    /// The shape of the output: fixed for the renderer's lifetime, as ``begin()`` has written its opening.
    public let format: PreviewFormat
    private let campaign: Campaign
    private let table: PreviewTable
    private var report: HTMLReport
    private var count = 0

    /// A renderer for `campaign`'s messages; `colors` is for the table format only.
    public init(format: PreviewFormat, campaign: Campaign, colors: Bool = false) {
        self.format = format
        self.campaign = campaign
        table = PreviewTable(campaign: campaign, colors: colors)
        report = HTMLReport(campaign: campaign)
    }

    /// What comes before the first message.
    public func begin() -> String {
        switch format {
        case .csv: PreviewCSV.header
        case .json: "{\"campaign\":" + JSONText.string(campaign.id) + ",\"messages\":["
        case .table, .jsonl, .html: ""
        }
    }

    /// What to write for `message`.
    public mutating func add(_ message: Message) -> String {
        count += 1
        switch format {
        case .table: return table.row(for: message)
        case .jsonl: return PreviewJSON.message(message) + "\n"
        case .json: return (count == 1 ? "\n" : ",\n") + PreviewJSON.message(message)
        case .csv: return PreviewCSV.row(for: message)
        case .html:
            report.add(message)
            return ""
        }
    }

    /// What comes after the last message.
    public func end(_ summary: PreviewSummary) -> String {
        switch format {
        case .table: table.summary(summary)
        case .json: "\n],\n\"summary\":" + PreviewJSON.summary(summary) + "}\n"
        case .html: report.render(summary)
        case .jsonl, .csv: ""
        }
    }
}
