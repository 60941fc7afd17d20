import Foundation
import Testing
@testable import Cartable

/// The lists under `Campaigns/Recipients/` are generated; re-running their documented import must give them back exactly.
@Suite("Shipped recipient lists")
struct ShippedRecipientsTests {
    static let sources = "Campaigns/Recipients/sources/"

    static func import2012() throws -> RecipientList {
        try RecipientImport(
            source: .init(
                url: RepositoryFiles.url(sources + "leg14_2012_historique-groupes/deputes-historique-leg14.json"),
                mapping: .nosdeputes),
            seatedOn: "2012-07-01",
            handleSources: [.init(
                url: RepositoryFiles.url(sources + "leg14_2012_twitter-parlementaires/deputes_2012-2017.csv"),
                mapping: .twitterParlementaires)]
        ).run()
    }

    static func import2024() throws -> RecipientList {
        try RecipientImport(
            source: .init(url: RepositoryFiles.url(sources + "leg17_2024_datan/deputes-active_2026-03-09.csv"), mapping: .datan)
        ).run()
    }

    static func committed(_ name: String) throws -> String {
        String(decoding: try Data(contentsOf: RepositoryFiles.url("Campaigns/Recipients/" + name)), as: UTF8.self)
    }

    @Test func reimporting2012ReproducesTheCommittedFileByteForByte() throws {
        let list = try Self.import2012()
        #expect(list.csvText() == (try Self.committed("deputes-2012-07-01.csv")))
    }

    @Test func reimporting2024ReproducesTheCommittedFileByteForByte() throws {
        let list = try Self.import2024()
        #expect(list.csvText() == (try Self.committed("deputes-2024.csv")))
    }

    @Test func deputiesSeatedOn2012_07_01WithTheirGroupThatDay() throws {
        let list = try Self.import2012()
        #expect(list.recipients.count == 577)
        #expect(Set(list.recipients.compactMap(\.constituencyKey)).count == 577, "one deputy per seat")
        #expect(list.diagnostics.errors.isEmpty)
        let groups = Dictionary(grouping: list.recipients, by: { $0.group ?? "" }).mapValues(\.count)
        #expect(groups == ["SRC": 294, "UMP": 196, "UDI": 29, "ECOLO": 18, "GDR": 15, "RRDP": 15, "NI": 10])
        // Laurence Abeille's last group is NI (`groupe_sigle`), but on 2012-07-01 she sat with the ecologists.
        #expect(list.recipient(id: "laurence-abeille")?.group == "ECOLO")
        // Jean-Marc Ayrault's last mandate starts in 2014, yet he was seated on 2012-07-01.
        #expect(list.recipient(id: "jean-marc-ayrault") != nil)
        // Guillaume Bachelay only took his seat on 2012-07-22.
        #expect(list.recipient(id: "guillaume-bachelay") == nil)
        #expect(list.reach(on: .twitter) == Reach(channel: .twitter, recipients: 577, reachable: 337))
        #expect(list.recipients.filter { $0.department == "99" }.count == 11)
    }

    @Test func sittingDeputiesOf2024() throws {
        let list = try Self.import2024()
        #expect(list.recipients.count == 577)
        #expect(list.report.rejectedRecords == 0)
        #expect(list.report.repairedHandles == 2)
        #expect(list.report.rejectedHandles == 1)
        #expect(list.reach(on: .twitter) == Reach(channel: .twitter, recipients: 577, reachable: 376))
        let byName = Dictionary(list.recipients.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        #expect(byName["Florence Goulet"]?.twitter == "FlorenceGoulet4")
        #expect(byName["Paul Christophle"]?.twitter == "paulchristophle")
        #expect(byName["Romain Eskenazi"]?.twitter == nil)
        #expect(list.recipients.filter { $0.department == "99" }.count == 11, "Datan writes 099")
        #expect(list.recipients.filter { $0.department == "2A" || $0.department == "2B" }.count == 4, "Datan writes 2a/2b")
    }

    @Test func theCommittedListsLoadCleanly() throws {
        for name in ["deputes-2012-07-01.csv", "deputes-2024.csv"] {
            let list = try RecipientList.load(contentsOf: RepositoryFiles.url("Campaigns/Recipients/" + name))
            #expect(list.recipients.count == 577)
            #expect(list.diagnostics.isEmpty, "\(name): \(list.diagnostics)")
        }
    }
}
