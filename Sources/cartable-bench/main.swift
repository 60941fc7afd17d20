import Cartable
import CartableCurl
import Foundation

// `make bench`: release-mode figures for the targets the issues name. Run from the package root.
// `CARTABLE_BENCH_ONLY=serve,outbox` runs only the parts named (length, compose, transport, outbox, serve);
// `compose,large` runs the compose rate and the commands over a million recipients (issue 14) without the renderers;
// `postgres` runs the PostgreSQL outbox's figures alone (`outbox` runs SQLite's, then PostgreSQL's); `reader` runs the
// recipients reader alone on the million-row list, for quick comparisons.
let cores = ProcessInfo.processInfo.activeProcessorCount
print("cartable-bench \(CartableVersion.current) — \(cores) cores, \(CurlLibrary.versionDescription)")

let binary = CommandLine.arguments.dropFirst().first ?? ".build/release/cartable"
let scratch = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("cartable-bench-\(getpid())")
try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: scratch) }

let only = ProcessInfo.processInfo.environment["CARTABLE_BENCH_ONLY"].map { Set($0.split(separator: ",").map(String.init)) }
func runs(_ part: String) -> Bool { only?.contains(part) ?? true }

if runs("length") {
    try LengthBenchmark.run(cartableBinary: binary, scratchDirectory: scratch)
    print()
}
if only?.contains("reader") == true {
    try LargeListBenchmark.readerOnly(scratch: scratch)
    print()
}
if runs("compose") {
    try ComposeBenchmark.run(cartableBinary: binary, scratchDirectory: scratch)
    print()
}
if runs("transport") {
    await TransportBenchmark.run()
    print()
}
if runs("outbox") {
    await OutboxBenchmark.run(cartableBinary: binary, scratchDirectory: scratch)
    print()
}
if runs("outbox") || runs("postgres") {
    await PostgresOutboxBenchmark.run(cartableBinary: binary, scratchDirectory: scratch)
    print()
}
if runs("serve") {
    await ServeBenchmark.run(cartableBinary: binary, scratchDirectory: scratch)
}
