extension RecipientList {
    /// The list in Cartable's own CSV format (the `cartable` preset): one column per ``RecipientField``.
    public func csvText() -> String {
        let header = RecipientField.allCases.map(\.rawValue)
        let rows = recipients.map { recipient in RecipientField.allCases.map { recipient[$0] } }
        return CSVWriter.text([header] + rows)
    }
}
