import Cartable
import CartableCurl
import Foundation

// `make bench`: release-mode figures for the targets the issues name. Run from the package root.
let cores = ProcessInfo.processInfo.activeProcessorCount
print("cartable-bench \(CartableVersion.current) — \(cores) cores, \(CurlLibrary.versionDescription)")

let binary = CommandLine.arguments.dropFirst().first ?? ".build/release/cartable"
let scratch = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("cartable-bench-\(getpid())")
try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: scratch) }

try LengthBenchmark.run(cartableBinary: binary, scratchDirectory: scratch)
print()
try ComposeBenchmark.run(cartableBinary: binary, scratchDirectory: scratch)
print()
await TransportBenchmark.run()
print()
await OutboxBenchmark.run(cartableBinary: binary, scratchDirectory: scratch)
