import Foundation

/// Test fixtures shipped in `Tests/CartableTests/Fixtures` (copied into the test bundle).
enum Fixtures {
    /// The URL of a fixture file, e.g. `twitter-text/conformance/validate.yml`.
    static func url(_ relativePath: String) -> URL {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent(relativePath)
    }
}
