import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A PostgreSQL cluster of one test's own (`Tests/Postgres/cluster.sh` with a state folder of its own), for a test
/// that restarts it: the shared cluster goes on serving the other tests meanwhile. `stop()` removes it.
// Unchecked: its state is written by `init` only; restart and stop are called by the test that made it.
final class PrivatePostgresCluster: @unchecked Sendable {
    private let state: URL
    /// The superuser's URL, password included, naming the `postgres` database.
    private(set) var url = ""

    private let listen: [String]

    /// Runs initdb and starts the cluster on a free loopback port (a few seconds); also on the addresses `listen`
    /// (of this machine, such as the host end of a veth pair), where the attached networks may connect with the password.
    init(listen: [String] = []) throws {
        state = FileManager.default.temporaryDirectory.appendingPathComponent("cartable-private-postgres-\(UUID().uuidString)")
        self.listen = listen
        try run("start")
        url = try run("url").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The URL of database `name` on this cluster, at `host` (127.0.0.1 unless another of its addresses is named).
    func url(database name: String, host: String? = nil) -> String {
        var components = URLComponents(string: url)!
        components.path = "/" + name
        if let host { components.host = host }
        return components.string!
    }

    /// Stops the cluster with a fast shutdown (transactions rolled back, connections closed), keeps it down for
    /// `seconds`, and starts it again on the same port; returns once it accepts connections.
    func restart(down seconds: Int) throws {
        try run("restart", String(seconds))
    }

    /// Stops the cluster and removes its files.
    func stop() {
        _ = try? run("stop")
        try? FileManager.default.removeItem(at: state)
    }

    /// Runs `cluster.sh` with the arguments and this cluster's state folder; returns what it printed.
    ///
    /// Spawned and waited for directly (`posix_spawn`, `waitpid`): Foundation's `Process` was seen never to reap the
    /// shell once the script had started the server in the background (the test then waited forever).
    @discardableResult
    private func run(_ arguments: String...) throws -> String {
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        let outputPath = state.appendingPathComponent("cluster.out").path, errorsPath = state.appendingPathComponent("cluster.err").path
        let command = ([RepositoryPaths.path("Tests/Postgres/cluster.sh")] + arguments).map(Self.quoted).joined(separator: " ")
        let script = "CARTABLE_TEST_POSTGRES_STATE=\(Self.quoted(state.path)) CARTABLE_TEST_POSTGRES_LISTEN=\(Self.quoted(listen.joined(separator: ","))) exec sh \(command) >\(Self.quoted(outputPath)) 2>\(Self.quoted(errorsPath)) </dev/null"
        let parts: [String] = ["/bin/sh", "-c", script]
        let argv: [UnsafeMutablePointer<CChar>?] = parts.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, "/bin/sh", nil, nil, argv, environ) == 0 else {
            throw ClusterFailure(description: "cluster.sh could not be started")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        let problems = (try? String(contentsOfFile: errorsPath, encoding: .utf8)) ?? ""
        guard status == 0 else {
            throw ClusterFailure(description: "cluster.sh \(arguments.joined(separator: " ")) failed: \(problems)")
        }
        return text
    }

    private static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    struct ClusterFailure: Error, CustomStringConvertible {
        let description: String
    }
}
