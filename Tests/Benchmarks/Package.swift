// swift-tools-version:6.1
import PackageDescription

// Benchmarks for Fundstelle, kept out of the root package so that `swift build` and
// `swift test` there never compile them. Build and run from this folder:
//   swift build -c release && .build/release/fundstelle-bench --help
// or run everything with ./run-issue2.sh (see README.md).
let package = Package(
    name: "FundstelleBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        // The root package; named explicitly so the product references below do not depend on
        // the name of the folder the repository was cloned into.
        .package(name: "Fundstelle", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "fundstelle-bench",
            dependencies: [
                .product(name: "FundstelleExtract", package: "Fundstelle"),
                .product(name: "FundstelleAnalysis", package: "Fundstelle"),
                .product(name: "FundstelleIndex", package: "Fundstelle"),
                .product(name: "FundstelleSearch", package: "Fundstelle"),
            ],
            path: "Sources/fundstelle-bench"
        ),
    ]
)
