import Foundation

/// Picks, from a NosDéputés-style history of a legislature, the deputies seated on a given day and the
/// parliamentary group each belonged to that day.
///
/// The seat is read from `anciens_mandats` (every period of office, with `debut` and `fin`), not from
/// `mandat_debut`/`mandat_fin`, which only give the *last* period: a deputy who became a minister in July 2012 and
/// came back in 2014 was seated on 2012-07-01 although `mandat_debut` says 2014. The group is read from
/// `groupes_historique` for the same reason: `groupe_sigle` is the last group, not the group on that day.
public struct SeatedOnDate: Sendable {
    /// The day, `YYYY-MM-DD`.
    public var date: String

    /// The records seated on `date`, with `groupe_sigle` replaced by the group on that date.
    public var records: [SourceRecord] = []
    /// Records not seated on that date (left out, not an error).
    public var notSeated = 0
    /// Problems with the history itself.
    public var diagnostics: [Diagnostic] = []

    /// Whether `text` is a day written `YYYY-MM-DD`.
    public static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let month = Int(parts[1]), let day = Int(parts[2]), Int(parts[0]) != nil else { return false }
        return (1...12).contains(month) && (1...31).contains(day)
    }

    /// Selects from the JSON history in `data`.
    ///
    /// - Throws: ``RecipientListError`` when the data is not such a history.
    public init(date: String, json data: Data, path: String) throws(RecipientListError) {
        self.date = date
        let parsed = try JSONRecords.parse(data, path: path)
        guard parsed.objects.contains(where: { $0["anciens_mandats"] is [Any] }) else {
            throw RecipientListError(
                path: path,
                reason: "no 'anciens_mandats' periods of office: selecting by date needs a NosDéputés history such as deputes-historique-leg14.json"
            )
        }
        for (index, object) in parsed.objects.enumerated() {
            let line = parsed.lines.isEmpty ? nil : parsed.lines[index]
            let label = "record \(index + 1)"
            let mandates = Self.periods(object["anciens_mandats"], start: "debut", end: "fin")
            guard mandates.contains(where: { $0.contains(date) }) else {
                notSeated += 1
                continue
            }
            var values = JSONRecords.flatten(object)
            let groups = Self.periods(object["groupes_historique"], start: "debut", end: "fin")
            let name = values["nom"] ?? label
            if let group = groups.last(where: { $0.contains(date) })?.value {
                values["groupe_sigle"] = group
            } else {
                values["groupe_sigle"] = ""
                diagnostics.append(Diagnostic(
                    .warning, file: path, line: line, column: line.map { _ in 1 },
                    message: "\(label) (\(name)) was seated on \(date) but belonged to no group that day; group left empty"
                ))
            }
            records.append(SourceRecord(line: line, label: label, values: values))
        }
    }

    /// A dated period, with what it carries (the group's code for group history).
    struct Period {
        var start: String
        var end: String?
        var value: String?

        /// Whether the day falls within the period, both ends included; an empty end means still running.
        func contains(_ day: String) -> Bool {
            start <= day && (end.map { $0.isEmpty || day <= $0 } ?? true)
        }
    }

    static func periods(_ value: Any?, start: String, end: String) -> [Period] {
        guard let array = value as? [Any] else { return [] }
        return array.compactMap { element in
            guard let object = element as? [String: Any], let begin = object[start] as? String else { return nil }
            return Period(start: begin, end: object[end] as? String, value: object["sigle"] as? String)
        }
    }
}
