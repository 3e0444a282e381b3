// swift-tools-version: 6.2
import PackageDescription

/// Every Freshground target compiles in Swift 6 mode with warnings as errors, so CI fails on a warning.
let strict: [SwiftSetting] = [
    .treatAllWarnings(as: .error),
    .enableUpcomingFeature("ExistentialAny"),
]

let hummingbird = Target.Dependency.product(name: "Hummingbird", package: "hummingbird")
let fluent = Target.Dependency.product(name: "FluentKit", package: "fluent-kit")
let sqlKit = Target.Dependency.product(name: "SQLKit", package: "sql-kit")

let package = Package(
    name: "freshground",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "freshground", targets: ["freshground"])
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/vapor/fluent-kit.git", from: "1.57.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        // Named for the SQLite C library it bundles, which the store's read connections use directly.
        .package(url: "https://github.com/vapor/sqlite-nio.git", from: "1.13.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-configuration.git", from: "1.4.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        // /metrics: counted through swift-metrics, read out in Prometheus's format.
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        // Federation's outgoing requests: deliveries to other servers' inboxes, fetches of their actors.
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        // Uploads: multipart bodies parsed as they stream in.
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
        // Mail: STARTTLS and implicit TLS to the SMTP relay.
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        // Only the tests use it, to read and validate the assembled OpenAPI document.
        .package(url: "https://github.com/mattpolzin/OpenAPIKit.git", from: "6.4.0"),
        // Only the tests use it: property-based fuzzing of the parsers and writers.
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
    ],
    targets: [
        .executableTarget(
            name: "freshground",
            dependencies: [
                "Freshground", "FreshgroundStore", "FreshgroundWeb", hummingbird,
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "Freshground",
            dependencies: [
                "Mail", "FreshgroundWeb", "FreshgroundStore", "FreshgroundCore", "People", "Notifications", "Groups",
                "Library", "Events", "Speakers", "Conferences", "Study", "Decisions", "Campaigns", "Volunteering",
                "Federation", "CHeap",
                hummingbird,
                fluent,
                sqlKit,
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "People",
            dependencies: [
                "Mail", "FreshgroundWeb", "FreshgroundStore", "FreshgroundCore", hummingbird, fluent, sqlKit,
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HummingbirdOTP", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Sources/Features/People",
            resources: [.copy("API/openapi.json")],
            swiftSettings: strict
        ),
        .target(
            name: "Notifications",
            dependencies: [
                "People", "Mail", "FreshgroundWeb", "FreshgroundStore", "FreshgroundCore", hummingbird, fluent, sqlKit,
            ],
            path: "Sources/Features/Notifications",
            resources: [.copy("API/openapi.json")],
            swiftSettings: strict
        ),
        .target(
            name: "Groups",
            dependencies: [
                "People", "Notifications", "Mail", "FreshgroundWeb", "FreshgroundStore", "FreshgroundCore", hummingbird,
                fluent, sqlKit,
            ],
            path: "Sources/Features/Groups",
            resources: [.copy("API/openapi.json")],
            swiftSettings: strict
        ),
        .target(
            name: "Decisions",
            dependencies: [
                "Groups", "People", "Notifications", "Mail", "FreshgroundWeb", "FreshgroundStore", "FreshgroundCore",
                hummingbird, fluent, sqlKit,
            ],
            path: "Sources/Features/Decisions",
            resources: [.copy("API/openapi.json")],
            swiftSettings: strict
        ),
        .target(
            name: "Library",
            dependencies: [
                "Groups", "People", "Notifications", "Mail", "FreshgroundWeb", "FreshgroundStore", "FreshgroundCore",
                hummingbird,
                fluent,
                sqlKit,
            ],
            path: "Sources/Features/Library",
            resources: [.copy("API/openapi.json")],
            swiftSettings: strict
        ),
        .target(
            name: "Events",
            dependencies: [
                "Groups", "People", "Notifications", "Mail", "FreshgroundWeb", "FreshgroundStore", "FreshgroundCore",
                hummingbird,
                fluent,
                sqlKit,
            ],
            path: "Sources/Features/Events",
            resources: [.copy("API/openapi.json")],
            swiftSettings: strict
        ),
        .target(
            name: "Speakers",
            dependencies: [
                "Events", "Groups", "People", "Notifications", "Mail", "FreshgroundWeb", "FreshgroundStore",
                "FreshgroundCore",
                hummingbird, fluent, sqlKit,
            ],
            path: "Sources/Features/Speakers",
            resources: [.copy("API/openapi.json")],
            swiftSettings: strict
        ),
        .target(
            name: "Conferences",
            dependencies: [
                "Events", "Decisions", "Groups", "People", "Notifications", "Mail", "FreshgroundWeb",
                "FreshgroundStore", "FreshgroundCore",
                hummingbird, fluent, sqlKit,
            ],
            path: "Sources/Features/Conferences",
            resources: [.copy("API/openapi.json")],
            swiftSettings: strict
        ),
        .target(
            name: "Volunteering",
            dependencies: [
                "Events", "Groups", "People", "Notifications", "Mail", "FreshgroundWeb", "FreshgroundStore",
                "FreshgroundCore", hummingbird, fluent, sqlKit,
            ],
            path: "Sources/Features/Volunteering",
            resources: [.copy("API/openapi.json")],
            swiftSettings: strict
        ),
        .target(
            name: "Study",
            dependencies: [
                "Events", "Library", "Groups", "People", "Notifications", "Mail", "FreshgroundWeb", "FreshgroundStore",
                "FreshgroundCore",
                hummingbird, fluent, sqlKit,
            ],
            path: "Sources/Features/Study",
            resources: [.copy("API/openapi.json")],
            swiftSettings: strict
        ),
        .target(
            name: "Campaigns",
            dependencies: [
                "Decisions", "Events", "Library", "Groups", "People", "Notifications", "Mail", "FreshgroundWeb",
                "FreshgroundStore", "FreshgroundCore",
                hummingbird, fluent, sqlKit,
            ],
            path: "Sources/Features/Campaigns",
            resources: [.copy("API/openapi.json")],
            swiftSettings: strict
        ),
        .target(
            name: "Federation",
            dependencies: [
                "Groups", "Library", "Events", "People", "FreshgroundWeb", "FreshgroundStore", "FreshgroundCore",
                hummingbird, fluent, sqlKit,
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
            ],
            path: "Sources/Features/Federation",
            swiftSettings: strict
        ),
        .target(
            name: "Mail",
            dependencies: [
                "FreshgroundStore", "FreshgroundCore", fluent, sqlKit,
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOTLS", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "FreshgroundWeb",
            dependencies: [
                "Mail", "FreshgroundCore", "FreshgroundStore", hummingbird, sqlKit, fluent,
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            resources: [.copy("Assets")],
            swiftSettings: strict
        ),
        .target(
            name: "FreshgroundStore",
            dependencies: [
                "FreshgroundCore", "SQLiteSettings", fluent, sqlKit,
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        // The one SQLite setting Swift cannot reach (a C function with variable arguments).
        .target(name: "SQLiteSettings", dependencies: [.product(name: "SQLiteNIO", package: "sqlite-nio")]),
        // glibc's heap thresholds (`mallopt`, which Swift's Glibc module does not declare).
        .target(name: "CHeap"),
        .target(name: "FreshgroundCore", swiftSettings: strict),
        // Test support only: the hostile-text generators both fuzz suites share.
        .target(
            name: "FuzzSupport",
            dependencies: [.product(name: "PropertyBased", package: "swift-property-based")],
            path: "Tests/FuzzSupport",
            swiftSettings: strict
        ),
        .testTarget(
            name: "FreshgroundCoreTests",
            dependencies: [
                "FreshgroundCore", "FuzzSupport", .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "FreshgroundTests",
            dependencies: [
                "Freshground", "FreshgroundStore", "FreshgroundWeb", "Mail", "People", "Notifications", "Groups",
                "Library", "Events",
                "Speakers", "Conferences", "Study", "Decisions", "Campaigns", "Volunteering", "Federation", sqlKit,
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
                "FuzzSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "HummingbirdOTP", package: "hummingbird-auth"),
            ],
            swiftSettings: strict
        ),
    ]
)
