// swift-tools-version:6.2
import PackageDescription

// Module boundaries (see ARCHITECTURE.md): jinjibu → Web → Reports → Store → Postgres → CLibPQ,
// and every module may use Domain, which uses nothing of ours.
let package = Package(
    name: "jinjibu",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "jinjibu", targets: ["jinjibu"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .target(name: "Domain"),
        .target(
            name: "Postgres",
            dependencies: [
                "CLibPQ",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "Store",
            dependencies: [
                "Domain",
                "Postgres",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: []
        ),
        .target(
            name: "Reports",
            dependencies: ["Domain", "Store", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "Web",
            dependencies: [
                "Domain", "Store", "Reports",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [.copy("Resources/openapi.json")]
        ),
        .executableTarget(
            name: "jinjibu",
            dependencies: [
                "Domain", "Postgres", "Store", "Reports", "Web",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        // APIJSONEncoder against Foundation's JSONEncoder on the API's own representations; run
        // in release, as bench/json-encoder/main.swift says.
        .executableTarget(name: "JSONEncoderBench", dependencies: ["CLibPQ", "Postgres", "Store", "Web"], path: "bench/json-encoder"),
        .testTarget(
            name: "DomainTests",
            dependencies: ["Domain", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        // The throwaway PostgreSQL cluster and per-test databases shared by the database tests.
        .target(name: "TestSupport", dependencies: ["Postgres", "Store"], path: "Tests/TestSupport"),
        .testTarget(name: "PostgresTests", dependencies: ["Postgres", "Domain", "TestSupport"]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "Postgres", "Domain", "TestSupport"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Store", "Postgres", "Domain", "TestSupport"]),
        .testTarget(
            name: "WebTests",
            dependencies: [
                "Web", "Reports", "Store", "Postgres", "Domain", "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
