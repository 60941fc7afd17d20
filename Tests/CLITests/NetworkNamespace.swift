import Foundation

/// Another "machine" for the multi-machine tests: a network namespace of its own (`ip netns add`), joined to this one
/// by a veth pair — `hostAddress` on this side, `address` inside — with the host end as its default route, so that
/// a process started in it (``command(_:)``) reaches this machine only over the veth link (its 127.0.0.1 is its
/// own). Needs root and a kernel that allows network namespaces: ``unavailableReason`` says why not.
/// ``remove()`` deletes the namespace, which takes the veth pair with it.
// Unchecked: made on one thread, then only read, and removed once by the test that made it.
final class NetworkNamespace: @unchecked Sendable {
    /// The namespace's name (`ip netns list`).
    let name: String
    /// The address of this side of the veth pair (what a process in the namespace connects to).
    let hostAddress: String
    /// The address of the namespace's side.
    let address: String
    private var removed = false

    static let ip = ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Why network namespaces cannot be made here (not root, no `ip`, or the kernel or sandbox refuses), or `nil`.
    static let unavailableReason: String? = {
        guard getuid() == 0 else { return "not running as root: `ip netns add` needs root" }
        guard ip != nil else { return "the ip command (iproute2) is missing" }
        let probe = "cartable-probe-\(getpid())"
        let added = run(["netns", "add", probe])
        _ = run(["netns", "del", probe])
        return added.status == 0 ? nil : "`ip netns add` is refused here: \(added.output.trimmingCharacters(in: .whitespacesAndNewlines))"
    }()

    /// Makes namespace number `index` (0…31) of this test process: veth addresses 10.213.X.(4·index+1) on this side
    /// and …+2 inside, a /30 of their own, X drawn from the process id so that two test runs do not collide.
    init(index: Int) throws {
        let pid = Int(getpid())
        name = "cartable-\(pid)-\(index)"
        let subnet = "10.213.\(pid % 250)"
        hostAddress = "\(subnet).\(4 * index + 1)"
        address = "\(subnet).\(4 * index + 2)"
        // Interface names are at most 15 bytes.
        let outside = "ct\(pid % 1_000_000)h\(index)", inside = "ct\(pid % 1_000_000)n\(index)"
        let steps: [[String]] = [
            ["netns", "add", name],
            ["link", "add", outside, "type", "veth", "peer", "name", inside],
            ["link", "set", inside, "netns", name],
            ["addr", "add", "\(hostAddress)/30", "dev", outside],
            ["link", "set", outside, "up"],
            ["-n", name, "addr", "add", "\(address)/30", "dev", inside],
            ["-n", name, "link", "set", inside, "up"],
            ["-n", name, "link", "set", "lo", "up"],
            ["-n", name, "route", "add", "default", "via", hostAddress],
        ]
        for step in steps {
            let result = Self.run(step)
            guard result.status == 0 else {
                _ = Self.run(["link", "del", outside])
                _ = Self.run(["netns", "del", name])
                throw NamespaceFailure(description: "ip \(step.joined(separator: " ")) failed: \(result.output)")
            }
        }
    }

    /// The executable and arguments that run `arguments` (an executable's path first) inside the namespace.
    func command(_ arguments: [String]) -> (executable: URL, arguments: [String]) {
        (URL(fileURLWithPath: Self.ip ?? "/usr/sbin/ip"), ["netns", "exec", name] + arguments)
    }

    /// Deletes the namespace and its veth pair. Safe to call twice.
    func remove() {
        guard !removed else { return }
        removed = true
        _ = Self.run(["netns", "del", name])
    }

    deinit { remove() }

    @discardableResult
    private static func run(_ arguments: [String]) -> (status: Int32, output: String) {
        guard let ip else { return (127, "no ip command") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ip)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return (127, "\(error)") }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    struct NamespaceFailure: Error, CustomStringConvertible {
        let description: String
    }
}
