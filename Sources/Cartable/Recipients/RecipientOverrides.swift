import Foundation
import Yams

/// Corrections an organiser keeps next to a recipient list, so the source data stays as published.
///
/// A YAML mapping from recipient id to the fields to change; an empty value (`twitter: ""` or `twitter: null`)
/// removes a field; an id the list does not have adds a recipient, which then needs at least a `name`:
///
/// ```yaml
/// PA795434:
///   twitter: FlorenceGoulet4        # the source wrote "@X@FlorenceGoulet4"
/// PA1567:
///   mastodon: jeromeguedj@piaille.fr
/// PA999999:
///   twitter: ""                     # a wrong handle: remove it
/// ```
public struct RecipientOverrides: Sendable {
    /// The changes for one recipient.
    public struct Entry: Sendable, Hashable {
        /// The recipient's id.
        public var id: String
        /// Where the entry is in the overrides file.
        public var location: SourceLocation?
        /// New values by field; `nil` removes the field's value.
        public var changes: [RecipientField: String?]
    }

    /// The file, as the user named it.
    public var path: String
    /// The entries, in file order.
    public var entries: [Entry]

    /// Reads an overrides file, reporting every problem.
    public static func parse(yaml text: String, path: String) -> (overrides: RecipientOverrides, diagnostics: [Diagnostic]) {
        var reader = YAMLReader(path: path)
        var entries: [Entry] = []
        let editable = RecipientField.allCases.filter { $0 != .id }.map(\.rawValue)
        if let root = reader.compose(text), let ids = reader.mapping(root, "the overrides file") {
            for (id, keyNode, value) in ids.entries {
                guard let fields = reader.mapping(value, "the overrides of '\(id)'", allowed: editable) else { continue }
                var changes: [RecipientField: String?] = [:]
                for (key, _, fieldValue) in fields.entries {
                    guard let field = RecipientField(rawValue: key) else { continue }
                    if YAMLReader.isNull(fieldValue) {
                        changes[field] = .some(nil)
                    } else if case .scalar(let scalar) = fieldValue {
                        let text = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
                        changes[field] = .some(text.isEmpty ? nil : text)
                    } else {
                        reader.error(at: fieldValue, "'\(key)' of '\(id)' must be a text, found \(YAMLReader.describe(fieldValue))")
                    }
                }
                entries.append(Entry(id: id, location: reader.location(of: keyNode), changes: changes))
            }
        }
        return (RecipientOverrides(path: path, entries: entries), reader.diagnostics)
    }

    /// Reads the overrides file at `url`.
    ///
    /// - Throws: ``RecipientListError`` when the file cannot be read.
    public static func load(contentsOf url: URL, displayPath: String? = nil) throws(RecipientListError) -> (overrides: RecipientOverrides, diagnostics: [Diagnostic]) {
        let path = displayPath ?? url.path
        if let irregularity = CampaignFileAccess.irregularity(of: url.path) {
            throw RecipientListError(path: path, reason: "overrides file \(irregularity)")
        }
        guard let data = try? Data(contentsOf: url) else {
            let reason = FileManager.default.fileExists(atPath: url.path) ? "cannot be read" : "does not exist"
            throw RecipientListError(path: path, reason: "overrides file \(reason)")
        }
        return parse(yaml: DecodedText(decoding: data).text, path: path)
    }

    /// Applies the overrides to `list`, validating each value as the list's own were; every problem is added to
    /// the list's diagnostics at the override's location.
    public func apply(to list: inout RecipientList) {
        for entry in entries {
            let location = entry.location ?? SourceLocation(file: path, line: 1, column: 1)
            if let index = list.recipients.firstIndex(where: { $0.id == entry.id }) {
                var recipient = list.recipients[index]
                apply(entry, to: &recipient, at: location, diagnostics: &list.diagnostics)
                list.recipients[index] = recipient
            } else if case .some(.some(let name)) = entry.changes[.name] {
                var recipient = Recipient(id: entry.id, name: name)
                apply(entry, to: &recipient, at: location, diagnostics: &list.diagnostics)
                list.recipients.append(recipient)
            } else {
                list.diagnostics.append(Diagnostic(
                    .error, at: location,
                    message: "no recipient with id '\(entry.id)' in \(list.path)",
                    hint: "check the id (first column of the list); to add a recipient, give at least a name"
                ))
            }
        }
    }

    private func apply(_ entry: Entry, to recipient: inout Recipient, at location: SourceLocation, diagnostics: inout [Diagnostic]) {
        for field in RecipientField.allCases {
            guard let change = entry.changes[field] else { continue }
            let value = change.map { RecipientRecordReader.cleanText($0) }
            switch field {
            case .id: break
            case .name: if let value { recipient.name = value }
            case .firstName: recipient.firstName = value
            case .lastName: recipient.lastName = value
            case .email: recipient.email = value
            case .group: recipient.group = value
            case .groupName: recipient.groupName = value
            case .departmentName: recipient.departmentName = value
            case .department:
                if let value, let department = Department(code: value) {
                    recipient.department = department.code
                    recipient.departmentName = department.name
                } else if let value {
                    diagnostics.append(Diagnostic(.error, at: location, message: "'\(value)' is not a department code (override of '\(entry.id)')"))
                } else {
                    recipient.department = nil
                }
            case .constituency:
                if let value, let number = Int(value), number > 0 {
                    recipient.constituency = number
                } else if let value {
                    diagnostics.append(Diagnostic(.error, at: location, message: "constituency '\(value)' is not a positive number (override of '\(entry.id)')"))
                } else {
                    recipient.constituency = nil
                }
            case .twitter, .mastodon, .bluesky:
                guard let channel = field.channel else { break }
                var handle: String?
                if let value {
                    switch Handle.read(value, on: channel) {
                    case .valid(let valid), .repaired(let valid, _): handle = valid
                    case .none: handle = nil
                    case .rejected(let reason):
                        diagnostics.append(Diagnostic(.error, at: location, message: "override of '\(entry.id)': \(reason)"))
                        continue
                    }
                }
                switch channel {
                case .twitter: recipient.twitter = handle
                case .mastodon: recipient.mastodon = handle
                case .bluesky: recipient.bluesky = handle
                case .webhook: break
                }
            }
        }
    }
}
