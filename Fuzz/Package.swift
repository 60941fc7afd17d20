// swift-tools-version:6.0
// Coverage-guided fuzzing of every parser of outside input, with libFuzzer (part of the Swift toolchain).
// A package of its own, so the main build never sees the sanitizer flags. Build and run with `make fuzz`
// (or Fuzz/run); each target defines LLVMFuzzerTestOneInput and is built with -sanitize=fuzzer,address.
import PackageDescription

let cartable: Target.Dependency = .product(name: "Cartable", package: "Cartable")
let httpTypes: Target.Dependency = .product(name: "HTTPTypes", package: "swift-http-types")

let package = Package(
    name: "CartableFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Cartable", path: ".."),
        // The same version the main package resolves; the harness builds requests and responses as values.
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.3.0"),
    ],
    targets: [
        // What every target shares: reading the fuzzer's bytes, running async code, checking a property.
        .target(name: "FuzzSupport", dependencies: [cartable, httpTypes]),
        // The length engine, every profile, arbitrary UTF-8.
        .executableTarget(name: "fuzz-length", dependencies: [cartable, "FuzzSupport"]),
        // `cartable count`'s line reader: plain lines and JSON lines.
        .executableTarget(name: "fuzz-count-lines", dependencies: [cartable, "FuzzSupport"]),
        // Campaign YAML.
        .executableTarget(name: "fuzz-campaign", dependencies: [cartable, "FuzzSupport"]),
        // Recipient lists: CSV and JSON, with encoding detection.
        .executableTarget(name: "fuzz-recipients", dependencies: [cartable, "FuzzSupport"]),
        // The platforms' answers: statuses, rate-limit headers, error bodies, the Bluesky session.
        .executableTarget(name: "fuzz-responses", dependencies: [cartable, "FuzzSupport", httpTypes]),
        // The request builders: percent-encoding, intent links and the senders' bodies, as round trips.
        .executableTarget(name: "fuzz-requests", dependencies: [cartable, "FuzzSupport", httpTypes]),
    ],
    swiftLanguageModes: [.v6]
)
