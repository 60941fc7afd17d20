import Cartable
import Foundation
import Testing

/// Whether this machine lets a test make a private mount namespace (root, or unprivileged user namespaces), where a
/// read-only bind mount or a tiny tmpfs can stand in for a read-only or full disk without touching the system.
let canMakePrivateMounts: Bool = {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
    process.arguments = ["-m", "--propagation", "private", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
}()

/// Runs a shell script in a private mount namespace, with `$CARTABLE` the built binary; returns its output.
func inPrivateMountNamespace(_ script: String, arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
    process.arguments = ["-m", "--propagation", "private", "sh", "-c", script, "sh"] + arguments
    var environment = ProcessInfo.processInfo.environment
    environment["CARTABLE"] = CartableBinary.url.path
    environment["NO_COLOR"] = "1"
    process.environment = environment
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

@Suite("outbox location problems", .serialized, .enabled(if: canMakePrivateMounts, "needs a private mount namespace (unshare -m)"), .runsOffThePool)
struct OutboxLocationTests {
    @Test("a read-only location: send, cancel and retry say so with a hint and exit 2; status reads it; nothing queued is lost")
    func readOnly() async throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        try folder.enqueue(25, channel: .dryRun)
        let script = """
            set -u
            mount --bind "$1" "$1" && mount -o remount,ro,bind "$1" || exit 99
            "$CARTABLE" queue "$2" --via dry-run --outbox "$1/outbox.sqlite"; echo "queue-exit=$?"
            "$CARTABLE" queue "$2" --via dry-run --outbox "$1/new/outbox.sqlite"; echo "new-exit=$?"
            "$CARTABLE" send --via dry-run --dry-run-output /dev/null --outbox "$1/outbox.sqlite"; echo "send-exit=$?"
            "$CARTABLE" cancel --all --outbox "$1/outbox.sqlite"; echo "cancel-exit=$?"
            "$CARTABLE" retry --all --outbox "$1/outbox.sqlite"; echo "retry-exit=$?"
            "$CARTABLE" status --outbox "$1/outbox.sqlite"; echo "status-exit=$?"
            """
        let (status, output) = try inPrivateMountNamespace(script, arguments: [folder.url.path, RepositoryPaths.path("Campaigns/sensetwitt-2012.yml")])
        #expect(status == 0, "\(output)")
        #expect(output.contains("cannot create the outbox's folder \(folder.url.path)/new (read-only)"), "\(output)")
        for command in ["queue", "new", "send", "cancel", "retry"] {
            #expect(output.contains("\(command)-exit=2"), "\(output)")
        }
        // status only reads: it reads a read-only outbox (issue 17, item 16).
        #expect(output.contains("status-exit=0"), "\(output)")
        #expect(output.contains("outbox.sqlite: 25 messages"), "\(output)")
        #expect(output.contains("\(folder.outboxPath): error:"), "\(output)")
        #expect(output.contains("read-only"), "\(output)")
        #expect(output.contains("hint: make \(folder.url.path) writable, or choose another place for the outbox (--outbox or CARTABLE_OUTBOX)"), "\(output)")
        let rows = try await SQLiteOutbox(path: folder.outboxPath, access: .readWrite).allMessages()
        #expect(rows.count == 25 && rows.allSatisfy { $0.state == .queued })
    }

    @Test("a full disk: commands say so with a hint and exit 2; once space is freed everything queued is still there")
    func full() throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        try folder.enqueue(200, channel: .dryRun)
        let script = """
            set -u
            mkdir -p "$1/disk" && mount -t tmpfs -o size=1m tmpfs "$1/disk" || exit 99
            cp "$1/outbox.sqlite" "$1/disk/outbox.sqlite"
            dd if=/dev/zero of="$1/disk/filler" bs=4k 2>/dev/null
            "$CARTABLE" queue "$2" --via dry-run --outbox "$1/disk/outbox.sqlite"; echo "queue-exit=$?"
            "$CARTABLE" send --via dry-run --dry-run-output /dev/null --outbox "$1/disk/outbox.sqlite"; echo "send-exit=$?"
            "$CARTABLE" cancel --all --outbox "$1/disk/outbox.sqlite"; echo "cancel-exit=$?"
            rm "$1/disk/filler"
            "$CARTABLE" status --format json --outbox "$1/disk/outbox.sqlite"; echo "status-exit=$?"
            """
        let (status, output) = try inPrivateMountNamespace(script, arguments: [folder.url.path, RepositoryPaths.path("Campaigns/sensetwitt-2012.yml")])
        #expect(status == 0, "\(output)")
        #expect(output.contains("queue-exit=2") && output.contains("send-exit=2") && output.contains("cancel-exit=2"), "\(output)")
        #expect(output.contains("no space left"), "\(output)")
        #expect(output.contains("hint: free some space"), "\(output)")
        #expect(output.contains(#""queued" : 200"#), "\(output)")
        #expect(output.contains("status-exit=0"), "\(output)")
    }
}
