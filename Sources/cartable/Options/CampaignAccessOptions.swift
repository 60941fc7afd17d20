import ArgumentParser
import Cartable
import Foundation

/// `--allow-path DIR`, on every command that reads a campaign: folders the campaign may name files in besides its
/// own (see ``CampaignFileAccess`` and docs/campaign-format.md, "Which files a campaign may read").
struct CampaignAccessOptions: ParsableArguments {
    @Option(name: .customLong("allow-path"), help: ArgumentHelp(
        "Also let the campaign read its recipient and overrides files in this folder (repeatable); by default only in the campaign file's own folder.",
        valueName: "dir"))
    var allowedFolders: [String] = []

    func validate() throws {
        for folder in allowedFolders {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
                throw ValidationError("--allow-path \(folder): no such folder")
            }
        }
    }

    /// The rule the campaign's files are checked against.
    var access: CampaignFileAccess {
        CampaignFileAccess(allowing: allowedFolders.map { URL(fileURLWithPath: $0) })
    }
}
