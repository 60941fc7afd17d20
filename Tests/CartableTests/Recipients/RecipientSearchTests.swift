import Foundation
import Testing
@testable import Cartable

@Suite("Recipient search")
struct RecipientSearchTests {
    static let deputies2024: [Recipient] = {
        (try? RecipientList.load(contentsOf: RepositoryFiles.url("Campaigns/Recipients/deputes-2024.csv")).recipients) ?? []
    }()

    @Test(arguments: ["guedj", "Jerome Guedj", "GUEDJ Jérôme", "jérôme   GUEDJ", "guedj jer"])
    func namesMatchWithoutAccentsCaseOrOrder(query: String) {
        let result = RecipientSearch(recipients: Self.deputies2024).search(query)
        #expect(result.recipients.map(\.name) == ["Jérôme Guedj"])
    }

    @Test func wholeWordsComeBeforeWordStarts() {
        let recipients = [Recipient(id: "1", name: "Jean Martin"), Recipient(id: "2", name: "Martine Dupont")]
        #expect(RecipientSearch(recipients: recipients).search("martin").recipients.map(\.id) == ["1"])
        #expect(RecipientSearch(recipients: recipients).search("mart").recipients.map(\.id) == ["1", "2"])
    }

    // Postcodes lead to their constituency, not to their whole department: see PlaceSearchTests.
    @Test(arguments: [
        ("2a", "2A", 2), ("099", "99", 11), ("Corse-du-Sud", "2A", 2), ("essonne", "91", 10), ("reunion", "974", 7),
    ])
    func departmentsByCodeOrName(query: String, code: String, count: Int) {
        let result = RecipientSearch(recipients: Self.deputies2024).search(query)
        #expect(result.recipients.count == count)
        #expect(result.recipients.allSatisfy { $0.department == code })
        #expect(result.interpretations.first?.contains(code) == true)
    }

    @Test func namesFoldedOnceStillMatchEachRecipientIncludingNarrowedAndRepeatedIDs() {
        let search = RecipientSearch(recipients: Self.deputies2024)
        let essonne = Self.deputies2024.filter { $0.department == "91" }
        #expect(search.narrowed(to: essonne).search("guedj").recipients.map(\.name) == ["Jérôme Guedj"])
        #expect(search.narrowed(to: essonne).search("guedj").recipients.map(\.name)
            == RecipientSearch(recipients: essonne).search("guedj").recipients.map(\.name))
        #expect(search.narrowed(to: essonne).search("martin").recipients.allSatisfy { $0.department == "91" })
        // An id given twice (no list has one) must not make one recipient answer to the other's name.
        let repeated = [Recipient(id: "x", name: "Jean Martin"), Recipient(id: "x", name: "Anne Durand")]
        #expect(RecipientSearch(recipients: repeated).search("durand").recipients.map(\.name) == ["Anne Durand"])
        #expect(RecipientSearch(recipients: repeated).search("martin").recipients.map(\.name) == ["Jean Martin"])
    }

    @Test func groupCodes() {
        let result = RecipientSearch(recipients: Self.deputies2024).search("liot")
        #expect(result.recipients.count == 22)
    }

    @Test func nothingFound() {
        #expect(RecipientSearch(recipients: Self.deputies2024).search("zzzzqx").recipients.isEmpty)
        #expect(RecipientSearch(recipients: Self.deputies2024).search("   ").recipients.isEmpty)
    }

    @Test func listFilters() {
        let filter = RecipientFilter(groups: ["soc"], departments: ["91"])
        let found = Self.deputies2024.filter(filter.matchesAll)
        #expect(!found.isEmpty)
        #expect(found.allSatisfy { $0.group == "SOC" && $0.department == "91" })
        #expect(Self.deputies2024.filter(RecipientFilter(constituencies: ["91-6"]).matchesAll).map(\.name) == ["Jérôme Guedj"])
    }

    @Test func asciiTextFoldsAsFoundationFoldsIt() {
        // Every ASCII character, alone and between letters, and the usual shapes of a query.
        var samples = (0..<128).map { String(UnicodeScalar(UInt8($0))) }
        samples += (0..<128).map { "Ab" + String(UnicodeScalar(UInt8($0))) + "cD" }
        samples += ["guedj", "  Jerome   GUEDJ ", "Cote-d'Or", "saint-denis 93", "L HAY LES ROSES", "a\r\nb", "x\u{7F}y", "", "--"]
        for sample in samples {
            #expect(SearchText.asciiFold(sample) == SearchText.foundationFold(sample), "\(sample.debugDescription)")
            #expect(SearchText.fold(sample) == SearchText.foundationFold(sample))
        }
        #expect(SearchText.fold("GUEDJ Jérôme") == "guedj jerome")
    }
}
