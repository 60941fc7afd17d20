/// Writes a preview in one of the ``PreviewFormat``s, piece by piece as messages come, so the streaming formats
/// (jsonl, csv, json, table) never hold the batch; the HTML report keeps what it shows, to show problems first.
///
/// The formats for people (table, html) show every problem but only the first ``validMessagesShown`` valid
/// messages, and say how many more there are and where to see them: a list of a million stays readable (and the
/// report's memory bounded), and a list of 577 deputies is shown whole. The formats for programs have everything.
///
/// Call ``begin()``, then ``add(_:)`` (or ``add(_:to:)``) for each message, then ``end(_:)``, and write out each text.
public struct PreviewRenderer: Sendable {
    /// The shape of the output: fixed for the renderer's lifetime, as ``begin()`` has written its opening.
    public let format: PreviewFormat
    private let campaign: Campaign
    private let table: PreviewTable
    private var report: HTMLReport
    private var count = 0
    /// Valid messages shown so far in the table or the report, and those left out after ``validMessagesShown``.
    private var validShown = 0, validLeftOut = 0

    /// How many valid messages the table and the HTML report show; problems are always all shown.
    public static let validMessagesShown = 1_000

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
        var bytes: [UInt8] = []
        add(message, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends what to write for `message` to `output`, as UTF-8: the JSON and CSV formats are written there
    /// directly, without a string per message.
    public mutating func add(_ message: Message, to output: inout [UInt8]) {
        count += 1
        if format == .table || format == .html, message.isValid {
            guard validShown < Self.validMessagesShown else {
                validLeftOut += 1
                return
            }
            validShown += 1
        }
        switch format {
        case .table: output.append(contentsOf: table.row(for: message).utf8)
        case .jsonl:
            PreviewJSON.append(message, to: &output)
            output.append(UInt8(ascii: "\n"))
        case .json:
            output.append(contentsOf: (count == 1 ? "\n" : ",\n").utf8)
            PreviewJSON.append(message, to: &output)
        case .csv: PreviewCSV.append(message, to: &output)
        case .html: report.add(message)
        }
    }

    /// What comes after the last message.
    public func end(_ summary: PreviewSummary) -> String {
        switch format {
        case .table: table.summary(summary, validLeftOut: validLeftOut)
        case .json: "\n],\n\"summary\":" + PreviewJSON.summary(summary) + "}\n"
        case .html: report.render(summary, validLeftOut: validLeftOut)
        case .jsonl, .csv: ""
        }
    }

    /// What the table and the report say of the valid messages they left out.
    static func leftOutNote(_ count: Int) -> String {
        "\(count) more valid message\(count == 1 ? " is" : "s are") not shown here, which shows every problem and the first "
            + "\(validMessagesShown) valid messages; the JSON lines or CSV preview of the same batch has them all."
    }
}
