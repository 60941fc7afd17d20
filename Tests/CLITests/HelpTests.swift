import Foundation
import Testing

@Suite("cartable --help and --version", .runsOffThePool)
struct HelpTests {
    @Test func versionPrintsTheVersion() throws {
        let result = try CartableBinary.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
    }
}
