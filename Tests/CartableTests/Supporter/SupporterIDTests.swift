import Foundation
import Testing
@testable import Cartable

@Suite("Supporter id")
struct SupporterIDTests {
    @Test(arguments: ["marie", "Marie.Curie+cartable@example.org", "s_1-2", String(repeating: "a", count: 64)])
    func acceptsShortPlainIds(text: String) {
        #expect(SupporterID(text)?.rawValue == text)
    }

    @Test(arguments: ["", "organiser", "a b", "a/b", "a%2Fb", "é", "tab\there", String(repeating: "a", count: 65), "line\n"])
    func refusesWhatCouldBlurTheKey(text: String) {
        #expect(SupporterID(text) == nil, "\(text.debugDescription)")
    }

    @Test func randomIdsAreValidAndDistinct() {
        let ids = (0..<1000).map { _ in SupporterID.random() }
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { SupporterID($0.rawValue) == $0 && $0.rawValue.hasPrefix("supporter-") && $0.rawValue.count == 22 })
    }

    @Test func randomIdsDrawnAtOnceFromManyTasksAreDistinctAndUseTheWholeAlphabet() async {
        // The system's draws are read 32 at a time (BufferedSystemRandom): concurrent visitors never share one.
        let ids = await withTaskGroup(of: [SupporterID].self) { group in
            for _ in 0..<8 { group.addTask { (0..<500).map { _ in SupporterID.random() } } }
            return await group.reduce(into: []) { $0 += $1 }
        }
        #expect(Set(ids).count == 4_000)
        for position in 10..<22 {
            let letters = Set(ids.map { Array($0.rawValue.utf8)[position] })
            #expect(letters.count == 32, "position \(position): \(letters.count) of 32 characters")
        }
    }

    @Test func theStoreKeepsTheFirstIdItMakes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("supporter-\(UUID().uuidString)/.cartable")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let store = SupporterIDStore(folder: folder)
        #expect(try store.load() == nil)
        let first = try store.loadOrCreate()
        #expect(first.created)
        let second = try store.loadOrCreate()
        #expect(!second.created)
        #expect(second.id == first.id)
        #expect(try store.load() == first.id)
        #expect(try String(contentsOf: store.fileURL, encoding: .utf8) == first.id.rawValue + "\n")
    }

    @Test func aDamagedFileIsReportedNotReplaced() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("supporter-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = SupporterIDStore(folder: folder)
        try Data("two words\n".utf8).write(to: store.fileURL)
        #expect(throws: SupporterIDStore.Failure.self) { try store.loadOrCreate() }
        #expect(try String(contentsOf: store.fileURL, encoding: .utf8) == "two words\n", "left for the supporter to look at")
    }

    @Test func aFolderThatCannotBeMadeIsReported() throws {
        // A file where the folder should be: creating the folder fails whoever runs the test (root included).
        let blocker = FileManager.default.temporaryDirectory.appendingPathComponent("supporter-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: blocker) }
        try Data("not a folder".utf8).write(to: blocker)
        let store = SupporterIDStore(folder: blocker.appendingPathComponent(".cartable"))
        do {
            _ = try store.loadOrCreate()
            Issue.record("expected a failure")
        } catch {
            #expect(error.path == store.fileURL.path)
            #expect(error.hint.contains("writable"))
            #expect(!error.hint.contains("--"), "the CLI adds its own flag")
        }
    }
}
