// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "ZoneScreen",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "zonescreen", targets: ["zonescreen"]),
        .library(name: "Geometry", targets: ["Geometry"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.34.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
    ],
    targets: [
        // System-library shims: a module map and one header each, nothing else.
        .systemLibrary(
            name: "CGEOS",
            pkgConfig: "geos",
            providers: [.apt(["libgeos-dev"])]
        ),
        .systemLibrary(
            name: "CPROJ",
            pkgConfig: "proj",
            providers: [.apt(["libproj-dev", "proj-data"])]
        ),
        .systemLibrary(
            name: "CGDAL",
            pkgConfig: "gdal",
            providers: [.apt(["libgdal-dev"])]
        ),

        .target(
            name: "Geometry",
            dependencies: ["CGEOS", "CPROJ"]
        ),
        // User-facing language: Chinese by default, English as the option; the words for the geometry
        // library's facts (its errors, validity reasons, measure methods) live here, not in Geometry.
        .target(
            name: "Wording",
            dependencies: ["Geometry"]
        ),
        // Features in and out: GeoJSON (+ Text Sequences), coordinate text, atomic writes.
        .target(
            name: "Formats",
            dependencies: ["Geometry", "Wording", "CGDAL"]
        ),
        // Reads published admission-list clauses into effect, natures, industries and scopes, with the
        // words each came from; its lexicon and category tables are data (Resources).
        .target(
            name: "ClauseReading",
            resources: [.copy("Resources")]
        ),
        // The screening core: the dataset's model (zones, rules, clauses and their conditions, the industry
        // catalogue), the screener and its answers, batches, the suitability map, and sites coming in.
        .target(
            name: "Zoning",
            dependencies: ["Geometry", "Wording", "Formats", "ClauseReading"]
        ),
        // The dataset side: loading a dataset's files (manifest, layers, rules, lists, built-in national
        // rules and catalogue), reading its clauses, `init` drafts and checks, the compiled store, diffs.
        .target(
            name: "Datasets",
            dependencies: ["Zoning", "Geometry", "Wording", "Formats", "ClauseReading", .product(name: "Yams", package: "Yams")],
            // The national rule pack and GB/T 4754-2017, found through BuiltInData (not Bundle.module).
            resources: [.copy("Resources")]
        ),
        // What is handed over: printable HTML reports with their own SVG maps and charts.
        .target(
            name: "Reports",
            dependencies: ["Zoning", "Geometry", "Wording", "Formats"]
        ),
        // Every output form of screened sites, for the command line and the service alike: answers as
        // GeoJSON features and collections, the JSON, stream, CSV and XLSX tables, the clause
        // dictionary given once per output, and the 预判报告 put together from Reports' pieces.
        .target(
            name: "Outputs",
            dependencies: ["Reports", "Zoning", "Formats", "Geometry", "Wording"]
        ),
        // The HTTP service and its web page.
        .target(
            name: "Server",
            dependencies: [
                "Zoning", "Datasets", "Formats", "Geometry", "Wording", "Reports", "Outputs",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Web")]
        ),
        .executableTarget(
            name: "zonescreen",
            dependencies: [
                "Geometry",
                "Wording",
                "Formats",
                "Zoning",
                "Datasets",
                "Server",
                "Reports",
                "Outputs",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        // A plain executable, not a test: prints ns per operation.
        .executableTarget(
            name: "GeometryBenchmark",
            dependencies: ["Geometry", "CGEOS", "CPROJ"],
            swiftSettings: [.unsafeFlags(["-Ounchecked"], .when(configuration: .release))]
        ),
        // Load, index, cold and warm screening figures for a dataset (default: the demo).
        .executableTarget(
            name: "ScreeningBenchmark",
            dependencies: ["Zoning", "Datasets", "Formats", "Geometry", "Wording", "Reports"]
        ),
        // The clause reader's accuracy on labelled cases and its speed (prints figures, asserts nothing).
        .executableTarget(
            name: "ClauseReadingBenchmark",
            dependencies: ["Zoning", "Datasets", .product(name: "Yams", package: "Yams")]
        ),
        // One entry per fuzz target (bytes in, a parser of outside input); see scripts/fuzz.
        .target(
            name: "FuzzTargets",
            dependencies: ["Formats", "Geometry", "Wording", "Zoning", "Datasets", "Server", "CGDAL"]
        ),
        // The libFuzzer driver; a real fuzzer only when scripts/fuzz builds it (-sanitize=fuzzer,address
        // -DZONESCREEN_FUZZER), otherwise a stub that says so and exits.
        .executableTarget(
            name: "ZoneScreenFuzz",
            dependencies: ["FuzzTargets", "CLibFuzzer"]
        ),
        // Declares libFuzzer's LLVMFuzzerRunDriver (a header only; the runtime comes with -sanitize=fuzzer).
        .systemLibrary(name: "CLibFuzzer"),
        // Case tables from Fixtures/, shared by the test targets.
        .target(
            name: "TestSupport",
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "GeometryTests",
            dependencies: ["Geometry", "Wording", "TestSupport"]
        ),
        .testTarget(
            name: "FormatsTests",
            dependencies: ["Formats", "Geometry", "Wording", "CGDAL", "TestSupport"]
        ),
        .testTarget(
            name: "ClauseReadingTests",
            dependencies: ["ClauseReading", "TestSupport"]
        ),
        .testTarget(
            name: "ZoningTests",
            dependencies: ["Zoning", "Datasets", "Formats", "Geometry", "Wording", "TestSupport"]
        ),
        .testTarget(
            name: "ReportsTests",
            dependencies: ["Reports", "Zoning", "Datasets", "Geometry", "Wording", "TestSupport"]
        ),
        .testTarget(
            name: "OutputsTests",
            dependencies: ["Outputs", "Reports", "Zoning", "Datasets", "Formats", "Geometry", "Wording", "TestSupport"]
        ),
        .testTarget(
            name: "ServerTests",
            dependencies: ["Server", "Zoning", "Datasets", "Wording", "TestSupport", .product(name: "HummingbirdTesting", package: "hummingbird")]
        ),
        // Every input under Fixtures/fuzz/<target>/ (crashes the fuzzers found, fixed) through its target.
        .testTarget(
            name: "FuzzRegressionTests",
            dependencies: ["FuzzTargets", "TestSupport"]
        ),
        // Runs the built zonescreen binary and checks what a user sees.
        .testTarget(
            name: "CLITests",
            dependencies: ["zonescreen", "Formats", "TestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
