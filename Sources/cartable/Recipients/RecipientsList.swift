import ArgumentParser
import Cartable
import Foundation

/// `cartable recipients list`: the recipients of a file, filtered.
struct RecipientsList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the recipients of a file, optionally filtered by group, department or constituency.",
        discussion: "Filters of different kinds combine (SOC deputies of Essonne); repeated ones widen (--group SOC --group ECOS)."
    )

    @OptionGroup var source: RecipientSourceOptions

    @Option(name: .long, help: ArgumentHelp("Keep this parliamentary group (repeatable).", valueName: "code"))
    var group: [String] = []

    @Option(name: .long, help: ArgumentHelp("Keep this department, by code: 91, 2A, 974, 99 (repeatable).", valueName: "code"))
    var department: [String] = []

    @Option(name: .long, help: ArgumentHelp("Keep this constituency, as DEPARTMENT-NUMBER: 91-6 (repeatable).", valueName: "constituency"))
    var constituency: [String] = []

    @Option(name: .long, help: "Output format: table, json or csv.")
    var format: RecipientListing.Format = .table

    func validate() throws {
        for code in department where Department.normalizedCode(code) == nil {
            throw ValidationError("'\(code)' is not a department code (01–95, 2A, 2B, 971–988, 99)")
        }
        for key in constituency where RecipientFilter.normalizedConstituency(key) == nil {
            throw ValidationError("'\(key)' is not a constituency; write DEPARTMENT-NUMBER, e.g. 91-6")
        }
    }

    func run() async throws {
        let list = try source.load()
        let filter = RecipientFilter(groups: group, departments: department, constituencies: constituency)
        let recipients = list.recipients.filter(filter.matchesAll)
        print(RecipientListing.render(recipients, as: format), terminator: "")
    }
}
