import Foundation
import Yams

/// A campaign file read and checked: the ``Campaign`` when it is usable, and every problem found, each at its
/// `line:column` with a hint.
public struct CampaignFile: Sendable {
    /// The file, as the user named it.
    public var path: String
    /// The campaign, when the file has no error that prevents building it.
    public var campaign: Campaign?
    /// Every problem found, in file order.
    public var diagnostics: [Diagnostic]
    /// Whether the file could not be read or is not YAML at all (the CLI then exits 2).
    public var isUnreadable: Bool

    /// The keys a campaign file may have at the top level.
    public static let topLevelKeys = [
        "id", "title", "organiser", "language", "link", "hashtags", "channel", "profile", "recipients", "targets",
        "address", "templates", "seed", "sending", "web",
    ]

    /// The section that marks a part of a template the composer may leave out to fit the limit:
    /// `{{#optional}}...{{/optional}}`.
    public static let optionalSection = "optional"

    /// The length profiles a campaign may name.
    public static var profileNames: [String] { LengthProfile.names }

    /// The fields a template can use: the recipient's, then the campaign's.
    public static let placeholders = [
        "name", "first_name", "last_name", "handle", "group", "group_name", "department", "department_name",
        "constituency", "title", "organiser", "link", "hashtags",
    ]

    /// Reads the campaign file at `url`; the files it names must be ones `access` allows (see ``CampaignFileAccess``).
    public static func load(contentsOf url: URL, displayPath: String? = nil, access: CampaignFileAccess = CampaignFileAccess()) -> CampaignFile {
        let path = displayPath ?? url.path
        guard let data = try? Data(contentsOf: url) else {
            let exists = FileManager.default.fileExists(atPath: url.path)
            return CampaignFile(
                path: path, campaign: nil,
                diagnostics: [Diagnostic(.error, file: path, message: exists ? "cannot read the campaign file" : "no such campaign file")],
                isUnreadable: true
            )
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return CampaignFile(
                path: path, campaign: nil,
                diagnostics: [Diagnostic(.error, file: path, message: "the campaign file is not UTF-8 text", hint: "save it as UTF-8")],
                isUnreadable: true
            )
        }
        let folder = url.deletingLastPathComponent()
        let displayFolder = (path as NSString).deletingLastPathComponent
        return parse(yaml: text, path: path, folder: folder, displayFolder: displayFolder, access: access)
    }

    /// Reads campaign YAML; recipient paths resolve against `folder` (shown as `displayFolder`) and must be files
    /// `access` allows there.
    public static func parse(
        yaml text: String, path: String, folder: URL, displayFolder: String = "", access: CampaignFileAccess = CampaignFileAccess()
    ) -> CampaignFile {
        var reader = CampaignReader(path: path, text: text, folder: folder, displayFolder: displayFolder, access: access)
        let campaign = reader.read()
        let diagnostics = reader.yaml.diagnostics.enumerated().sorted { a, b in
            let keyA = (a.element.line ?? 0, a.element.column ?? 0), keyB = (b.element.line ?? 0, b.element.column ?? 0)
            return keyA != keyB ? keyA < keyB : a.offset < b.offset
        }.map(\.element)
        return CampaignFile(
            path: path, campaign: diagnostics.containsErrors ? nil : campaign, diagnostics: diagnostics,
            isUnreadable: reader.isUnreadable
        )
    }
}
