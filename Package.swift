// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Cartable",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "Cartable", targets: ["Cartable"]),
        .library(name: "CartableCurl", targets: ["CartableCurl"]),
        .library(name: "CartableServer", targets: ["CartableServer"]),
        .library(name: "CartablePostgres", targets: ["CartablePostgres"]),
        .executable(name: "cartable", targets: ["cartable"]),
        .executable(name: "cartable-bench", targets: ["cartable-bench"]),
    ],
    dependencies: [
        // The CLI: commands as types, help text next to each option.
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        // YAML: the conformance suite (tests) and, later, campaign files.
        .package(url: "https://github.com/jpsim/Yams.git", from: "5.0.1"),
        // HMAC-SHA1 (OAuth 1.0a for X) and HMAC-SHA256 (webhook signatures); Foundation has no HMAC on Linux.
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        // HTTP requests and responses as the ecosystem's value types, at the transport boundary.
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.3.0"),
        // SQLite for the outbox: named migrations, WAL, busy timeouts and explicit transactions, over the system library.
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.0.0"),
        // PostgreSQL for the shared outbox (CartablePostgres only): many servers and senders on many machines.
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.21.0"),
        // Mustache: the reference the composer's compiled templates are checked and benchmarked against
        // (tests and cartable-bench only; the library renders with its own small program, see docs/preview.md).
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.0.0"),
        // The supporters' web page (`cartable serve`): HTTP server, router, graceful shutdown through
        // swift-service-lifecycle, and its testing client. Only CartableServer and the CLI see it.
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.0.0"),
        // The server's access log (one line per request); Hummingbird logs through it too.
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        // Graceful shutdown of the server and of the sender that runs beside it in `cartable serve` (Hummingbird's own).
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.0.0"),
        // Metrics (`/metrics` on serve, `send --watch --metrics-port`): the swift-metrics API, kept in the Prometheus
        // text format by swift-prometheus. Only CartableServer sees them; the core reports through its events.
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        // The domain: length, campaigns, recipients, composing, outbox, channels. No terminal, no libcurl.
        .target(
            name: "Cartable",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "GRDB", package: "GRDB.swift"),
                // The outbox binds a batch's rows through SQLite's C API: GRDB's argument boxing halves the enqueue rate.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                "CPrefetch",
            ],
            plugins: ["VersionStamp"]
        ),
        // The processor's prefetch hint, for the id set's table (a large list's reading waits on its cache misses).
        .target(name: "CPrefetch"),
        // Writes `CartableVersion.stamped` before each build, from scripts/version.sh (VERSION file, else git describe).
        .plugin(name: "VersionStamp", capability: .buildTool()),
        // libcurl, the one system C library, with typed wrappers for its variadic functions.
        .systemLibrary(
            name: "CCurl",
            path: "Sources/CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        // The HTTP transport over libcurl.
        .target(name: "CartableCurl", dependencies: ["Cartable", "CCurl"]),
        // The supporters' web page over Hummingbird: routes, pages, the JSON API, safety. Calls the library's use cases.
        .target(
            name: "CartableServer",
            dependencies: [
                "Cartable",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        // The shared outbox on PostgreSQL: the `Outbox` protocol over postgres-nio. The core never depends on it.
        .target(
            name: "CartablePostgres",
            dependencies: [
                "Cartable",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        .executableTarget(
            name: "cartable",
            dependencies: [
                "Cartable",
                "CartableCurl",
                "CartableServer",
                "CartablePostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                // --log-level/--log-format bootstrap swift-log; serve runs the metrics' listener beside the site.
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "cartable-bench",
            dependencies: [
                "Cartable", "CartableCurl", "LoopbackHTTPServer",
                // The PostgreSQL outbox's figures, on the tests' private cluster (a database of the bench's own).
                "CartablePostgres", "PostgresTestCluster",
                // The server benchmark's "hello" route, the framework's ceiling beside `cartable serve`.
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                // The plain-SQLite baseline of the outbox benchmark calls the C API directly.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        // A small HTTP/1.1 server on 127.0.0.1 (POSIX sockets, keep-alive) for transport tests and the bench.
        .target(name: "LoopbackHTTPServer"),
        // The private PostgreSQL cluster the tests run against (started by make test): a database per test.
        .target(
            name: "PostgresTestCluster",
            dependencies: ["CartablePostgres", .product(name: "PostgresNIO", package: "postgres-nio")]
        ),
        .testTarget(
            name: "CartableTests",
            dependencies: [
                "Cartable",
                // The outbox suite runs against both backends (a private PostgreSQL cluster, Tests/Postgres/cluster.sh).
                "CartablePostgres", "PostgresTestCluster",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "CLITests",
            dependencies: [
                "cartable", "Cartable", "LoopbackHTTPServer", "PostgresTestCluster",
                // Reads the outbox files the commands wrote (Tests/CLITests/SQLiteOutbox+Rows.swift).
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            // Campaign files the tests hand to the built binary by path.
            exclude: ["Fixtures"]
        ),
        // The supporters' page: every route through HummingbirdTesting, sends to a loopback webhook receiver.
        .testTarget(
            name: "CartableServerTests",
            dependencies: [
                "Cartable",
                "CartableServer",
                "CartableCurl",
                "LoopbackHTTPServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Transport and channels over real HTTP on loopback (no mocked transport).
        .testTarget(
            name: "CartableCurlTests",
            dependencies: [
                "Cartable",
                "CartableCurl",
                "LoopbackHTTPServer",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
