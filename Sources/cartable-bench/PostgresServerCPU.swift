import Foundation
import PostgresTestCluster

/// The CPU time a PostgreSQL cluster on this machine spends, read from `/proc`: its processes listed by
/// `pg_stat_activity` (backends and background processes), and the postmaster's own time with that of its children
/// that ended (a `cartable send` process's backends end with it). On a machine shared with other work, wall time says
/// little; the CPU seconds of the client and of the server say what a row costs.
struct PostgresServerCPU {
    /// CPU clock ticks used so far by the cluster's live processes and its ended ones.
    private let ticks: Int

    /// A snapshot, or `nil` when the cluster is not on this machine (or `/proc` cannot be read).
    init?(cluster url: String) {
        guard let pids = try? PostgresTestCluster.texts("SELECT pid::text FROM pg_stat_activity WHERE pid <> pg_backend_pid()", on: url) else {
            return nil
        }
        var ticks = 0, postmaster: Int?
        for case let pid? in pids {
            guard let pid = Int(pid), let fields = Self.fields(of: pid) else { continue }
            ticks += fields.user + fields.system
            postmaster = fields.parent
        }
        guard let postmaster, let own = Self.fields(of: postmaster) else { return nil }
        self.ticks = ticks + own.user + own.system + own.children
    }

    /// CPU seconds spent since `earlier`.
    func seconds(since earlier: PostgresServerCPU) -> Double {
        Double(ticks - earlier.ticks) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Fields of `/proc/PID/stat`, counted after the command's closing parenthesis (which may contain spaces): the
    /// parent (4), user and system ticks (14, 15), and those of the children waited for (16, 17).
    private static func fields(of pid: Int) -> (parent: Int, user: Int, system: Int, children: Int)? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 14, let parent = Int(fields[1]), let user = Int(fields[11]), let system = Int(fields[12]),
              let childrenUser = Int(fields[13]), let childrenSystem = Int(fields[14]) else { return nil }
        return (parent, user, system, childrenUser + childrenSystem)
    }
}
