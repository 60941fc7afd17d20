import Foundation
import Testing
@testable import Cartable

@Suite("twitter-text configurations")
struct TwitterTextConfigurationTests {
    @Test("the built-in v1, v2 and v3 equal the upstream config files", arguments: [
        ("v1", TwitterTextConfiguration.v1), ("v2", .v2), ("v3", .v3),
    ])
    func builtInMatchesUpstream(name: String, builtIn: TwitterTextConfiguration) throws {
        let data = try Data(contentsOf: Fixtures.url("twitter-text/config/\(name).json"))
        let upstream = try JSONDecoder().decode(TwitterTextConfiguration.self, from: data)
        #expect(upstream == builtIn)
    }
}
