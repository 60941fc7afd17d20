import ArgumentParser
import Cartable
import Foundation

/// Loading a campaign and its recipients for a command, with the CLI's messages and exit statuses.
enum CampaignInput {
    /// The campaign at `path` (naming only files `access` allows), its diagnostics printed; exits 2 when it is unreadable and 1 when it has errors,
    /// saying that it cannot be `action` (e.g. "previewed") until they are fixed. `warnings: false` prints only the errors.
    static func load(_ path: String, toBe action: String, access: CampaignFileAccess, warnings: Bool = true) throws -> Campaign {
        let file = CampaignFile.load(contentsOf: URL(fileURLWithPath: path), displayPath: path, access: access)
        Terminal.printDiagnostics(warnings ? file.diagnostics : file.diagnostics.errors)
        guard let campaign = file.campaign else {
            Terminal.printError("\(path) cannot be \(action) until its errors are fixed (cartable lint \(path))")
            throw ExitCode(file.isUnreadable ? 2 : 1)
        }
        return campaign
    }

    /// The campaign's recipients, read one record at a time; exits 1 with a located error when the file cannot be read.
    static func recipients(of campaign: Campaign) throws -> RecipientStream {
        let source = campaign.recipients
        do {
            return try RecipientStream(
                contentsOf: source.url, displayPath: source.displayPath, mapping: source.mapping,
                overrides: source.overrides, overridesDisplayPath: source.overridesDisplayPath)
        } catch {
            Terminal.printDiagnostics([Diagnostic(.error, at: source.location ?? campaign.locations.file,
                                                  message: "cannot read recipient file '\(source.file)': \(error.reason)")])
            throw ExitCode(1)
        }
    }
}
