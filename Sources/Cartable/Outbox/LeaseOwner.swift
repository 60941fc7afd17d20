import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Who holds the lease on a row being sent: a process on a machine, with a random token so that two runs of the
/// same process id never look alike. Stored as `host:pid:token`.
///
/// A lease ends in one of three ways: its holder records what happened, its holder releases it (Ctrl-C before the
/// request started), or it expires. A holder that died on *this* machine (its process id is gone) is noticed at
/// once, so a killed `cartable send` does not keep its rows for a whole lease.
public struct LeaseOwner: Sendable, Hashable, CustomStringConvertible {
    /// The machine's host name.
    public var host: String
    /// The holder's process id on `host`: once that process is gone, its leases are taken back at once.
    public var processID: Int32
    /// Random, per run.
    public var token: String

    /// The owner for this process.
    public static func current() -> LeaseOwner {
        LeaseOwner(
            host: hostName, processID: getpid(),
            token: String(UInt64.random(in: 0...UInt64.max), radix: 36))
    }

    /// This machine's name, from `gethostname` (Foundation's `hostName` may ask DNS, which can hang offline).
    public static let hostName: String = {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }()

    /// An owner from its parts.
    public init(host: String, processID: Int32, token: String) {
        self.host = host
        self.processID = processID
        self.token = token
    }

    /// Reads `host:pid:token`; `nil` when malformed.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 3, let processID = Int32(parts[parts.count - 2]) else { return nil }
        host = parts[0..<(parts.count - 2)].joined(separator: ":")
        self.processID = processID
        token = String(parts[parts.count - 1])
    }

    public var description: String { "\(host):\(processID):\(token)" }

    /// Whether this owner certainly no longer runs: same host, and no process has its id. (A reused process id makes
    /// it look alive; the lease then simply expires.)
    public var isCertainlyGone: Bool {
        guard host == Self.hostName, processID > 0 else { return false }
        if processID == getpid() { return false }
        return kill(processID, 0) != 0 && errno == ESRCH
    }
}
