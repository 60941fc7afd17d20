import Foundation

/// Paths of the repository's files, found from this source file, for commands run on real files.
enum RepositoryPaths {
    static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func path(_ relativePath: String) -> String {
        root.appendingPathComponent(relativePath).path
    }

    static func campaignFixture(_ name: String) -> String {
        path("Tests/CartableTests/Fixtures/campaigns/" + name)
    }

    static func recipientFixture(_ name: String) -> String {
        path("Tests/CartableTests/Fixtures/recipients/" + name)
    }

    static let deputies2024 = path("Campaigns/Recipients/deputes-2024.csv")
    static let deputies2012 = path("Campaigns/Recipients/deputes-2012-07-01.csv")
}
