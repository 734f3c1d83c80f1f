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
        // CGDAL joins here with the formats issue.

        .target(
            name: "Geometry",
            dependencies: ["CGEOS", "CPROJ"]
        ),
        .executableTarget(
            name: "zonescreen",
            dependencies: [
                "Geometry",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // A plain executable, not a test: prints ns per operation.
        .executableTarget(
            name: "GeometryBenchmark",
            dependencies: ["Geometry"],
            swiftSettings: [.unsafeFlags(["-Ounchecked"], .when(configuration: .release))]
        ),
        .testTarget(
            name: "GeometryTests",
            dependencies: ["Geometry"],
            resources: []
        ),
    ],
    swiftLanguageModes: [.v6]
)
