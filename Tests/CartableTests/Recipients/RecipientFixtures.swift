import Foundation
@testable import Cartable

/// Recipient fixtures and the repository's own shipped files.
enum RecipientFixtures {
    /// Loads `recipients/<name>` from the test fixtures.
    static func load(_ name: String, mapping: ColumnMapping = .cartable) throws -> RecipientList {
        try RecipientList.load(contentsOf: Fixtures.url("recipients/" + name), displayPath: name, mapping: mapping)
    }

    /// The diagnostics whose message mentions `text`.
    static func diagnostics(_ list: RecipientList, mentioning text: String) -> [Diagnostic] {
        list.diagnostics.filter { $0.message.contains(text) }
    }
}

/// Files of the repository itself (the shipped data), found from this source file's path.
enum RepositoryFiles {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent() // Recipients
        .deletingLastPathComponent() // CartableTests
        .deletingLastPathComponent() // Tests
        .deletingLastPathComponent()

    static func url(_ relativePath: String) -> URL {
        root.appendingPathComponent(relativePath)
    }
}
