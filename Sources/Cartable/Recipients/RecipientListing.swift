import Foundation

/// Recipients printed for people (an aligned table), for programs (JSON) or for spreadsheets (CSV).
public enum RecipientListing {
    /// How a listing is written.
    public enum Format: String, Sendable, CaseIterable {
        /// An aligned table for a terminal (``table(_:)``).
        case table
        /// A JSON array of objects (``json(_:)``).
        case json
        /// CSV in Cartable's own columns, ready to be read back as a recipient list.
        case csv
    }

    /// `recipients` in `format`, ending with a line break.
    public static func render(_ recipients: [Recipient], as format: Format) -> String {
        switch format {
        case .table: table(recipients)
        case .json: json(recipients)
        case .csv: RecipientList(path: "", recipients: recipients).csvText()
        }
    }

    /// A JSON array of recipient objects, keys in snake case as in the CSV header, empty fields left out.
    public static func json(_ recipients: [Recipient]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        guard let data = try? encoder.encode(recipients) else { return "[]\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// An aligned table: id, name, group, department, constituency and the handles the list has; each cell through
    /// ``TerminalText``.
    public static func table(_ recipients: [Recipient]) -> String {
        var columns: [(title: String, value: (Recipient) -> String)] = [
            ("ID", { $0.id }),
            ("NAME", { $0.name }),
            ("GROUP", { $0.group ?? "" }),
            ("DEPARTMENT", { r in r.department.map { "\($0) \(r.departmentName ?? "")" } ?? (r.departmentName ?? "") }),
            ("CONST.", { $0.constituency.map(String.init) ?? "" }),
        ]
        for channel in [Channel.twitter, .mastodon, .bluesky] where recipients.contains(where: { $0.handle(on: channel) != nil }) {
            columns.append((channel.rawValue.uppercased(), { $0.mention(on: channel) ?? "" }))
        }
        let rows = [columns.map(\.title)] + recipients.map { recipient in
            columns.map { TerminalText.escaped($0.value(recipient), keepingLineBreaks: false) }
        }
        let widths = columns.indices.map { index in rows.map { $0[index].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n") + "\n"
    }
}
