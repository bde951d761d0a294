// swift-tools-version: 6.1
import PackageDescription

#if os(Linux)
import Glibc

/// How the `cohort` executable is linked on Linux: with lld (part of the Swift toolchain) and
/// packed relative relocations, which keep a 2-3 MB relocation table out of every server's memory
/// (idle RSS 38 -> 35 MiB; docs/performance.md). A binary linked so needs glibc 2.36 or later to
/// start, so this is done only where the building machine has it.
let executableLinkerSettings: [LinkerSetting] = {
    var text = [CChar](repeating: 0, count: 64)  // "glibc 2.36"
    guard confstr(Int32(_CS_GNU_LIBC_VERSION), &text, text.count) > 0 else { return [] }
    let name = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    let version = name.split(separator: " ").last?.split(separator: ".").compactMap { Int($0) } ?? []
    guard version.count >= 2, (version[0], version[1]) >= (2, 36) else { return [] }
    return [.unsafeFlags(["-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs"])]
}()
#else
let executableLinkerSettings: [LinkerSetting] = []
#endif

let package = Package(
    name: "cohort",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "cohort", targets: ["cohort"]),
        .library(name: "CohortCore", targets: ["CohortCore"]),
        .library(name: "CohortAPI", targets: ["CohortAPI"]),
        .library(name: "CohortClient", targets: ["CohortClient"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-openapi-hummingbird.git", from: "2.1.0"),
        .package(url: "https://github.com/apple/swift-openapi-generator.git", from: "1.14.3"),
        .package(url: "https://github.com/apple/swift-openapi-runtime.git", from: "1.13.4"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/swift-server/swift-openapi-async-http-client.git", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-configuration.git", from: "1.0.2"),
    ],
    targets: [
        /// The domain: ids, groups, memberships, workspaces, errors and the rules. No HTTP, no SQL.
        .target(
            name: "CohortCore",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        /// The embedded default store: SQLite in WAL mode through GRDB.
        .target(
            name: "CohortSQLite",
            dependencies: [
                "CohortCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        /// The store for several server instances on one database: PostgreSQL through PostgresNIO.
        .target(
            name: "CohortPostgres",
            dependencies: [
                "CohortCore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "_ConnectionPoolModule", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        /// `openapi.yaml` and the types, server protocol and client generated from it.
        .target(
            name: "CohortAPI",
            dependencies: [
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
            ],
            resources: [.embedInCode("openapi.yaml")],
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")]
        ),
        /// The Swift SDK: typed calls to Cohort or to Prolific itself, over AsyncHTTPClient.
        .target(
            name: "CohortClient",
            dependencies: [
                "CohortAPI",
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIAsyncHTTPClient", package: "swift-openapi-async-http-client"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        /// The Hummingbird application: middleware, handlers, hand-written routes.
        .target(
            name: "CohortServer",
            dependencies: [
                "CohortCore",
                "CohortAPI",
                "CohortSQLite",
                "CohortPostgres",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        /// The command line: `serve`, `token`, and the client commands over the SDK.
        .target(
            name: "CohortCLI",
            dependencies: [
                "CohortCore",
                "CohortServer",
                "CohortClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        /// The `cohort` executable: a `main` that runs `CohortCLI`'s command.
        .executableTarget(
            name: "cohort",
            dependencies: ["CohortCLI"],
            linkerSettings: executableLinkerSettings
        ),
        /// What the store and server tests share: throwaway PostgreSQL databases and clusters.
        .target(
            name: "CohortTestSupport",
            dependencies: [
                "CohortPostgres",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/CohortTestSupport"
        ),
        .testTarget(
            name: "CohortCoreTests",
            dependencies: ["CohortCore"]
        ),
        /// The SDK against scripted transports and Prolific's document: no server needed.
        .testTarget(
            name: "CohortClientTests",
            dependencies: [
                "CohortClient",
                "CohortAPI",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        /// The command line's parsing (CSV, id lists), without a process or a server.
        .testTarget(
            name: "CohortCLITests",
            dependencies: ["CohortCLI", .product(name: "Configuration", package: "swift-configuration")]
        ),
        /// One suite, run against every store: each must behave the same.
        .testTarget(
            name: "CohortStoreTests",
            dependencies: ["CohortCore", "CohortSQLite", "CohortPostgres", "CohortTestSupport"]
        ),
        .testTarget(
            name: "CohortServerTests",
            dependencies: [
                "CohortCore",
                "CohortServer",
                "CohortSQLite",
                "CohortTestSupport",
                "CohortClient",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
    ]
)
