/// A recipient file's header as a hint quotes it: at most ``maximumColumns`` column names of at most
/// ``maximumNameLength`` characters each, controls and invisible format characters shown as `\u{…}`.
///
/// The "header" is the first line of whatever file a campaign names; quoting it whole would print a secret from a
/// file that is not a list at all, or megabytes of one long line.
enum HeaderExcerpt {
    static let maximumColumns = 12
    static let maximumNameLength = 32

    /// `name, handle, group`, shortened with `…` where the header is longer.
    static func columns(_ columns: [String]) -> String {
        var shown = columns.prefix(maximumColumns).map(name)
        if columns.count > maximumColumns { shown.append("… (\(columns.count) columns)") }
        return shown.joined(separator: ", ")
    }

    private static func name(_ column: String) -> String {
        var text = ""
        var length = 0
        for scalar in column.unicodeScalars {
            if length == maximumNameLength {
                text += "…"
                break
            }
            length += 1
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .unassigned, .surrogate, .privateUse:
                text += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default:
                text.unicodeScalars.append(scalar)
            }
        }
        return text
    }
}
