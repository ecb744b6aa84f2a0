// swift-tools-version:6.1
import PackageDescription

// Data flows one way: bytes → Document (Extract) → tokens (Analysis) → postings (Index) → hits (Search).
// Each target owns one step and depends only on the steps before it.

// The hot loops (tokens, word cache, postings, scores) read buffers held by classes; Swift
// checks every such access for overlap at run time, about a tenth of the analysis time. Release
// builds of those targets leave the check out; debug builds, which the tests run, keep it.
let uncheckedExclusivity: [SwiftSetting] = [
    .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
]

#if os(Linux)
let libxml2Target: Target = .systemLibrary(name: "CLibXML2", providers: [.apt(["libxml2-dev"])])
#else
let libxml2Target: Target = .systemLibrary(
    name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])])
#endif

let package = Package(
    name: "Fundstelle",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "fundstelle", targets: ["fundstelle"]),
        .library(name: "FundstelleExtract", targets: ["FundstelleExtract"]),
        .library(name: "FundstelleAnalysis", targets: ["FundstelleAnalysis"]),
        .library(name: "FundstelleIndex", targets: ["FundstelleIndex"]),
        .library(name: "FundstelleSearch", targets: ["FundstelleSearch"]),
        .library(name: "FundstelleServer", targets: ["FundstelleServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // Only what the server needs: no swift-configuration, no full Foundation.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // libxml2 is opened on first use, not linked (see LibXML2.swift): on Linux its headers
        // come from their usual folder rather than from pkg-config, whose -lxml2 would make
        // every process load it (with ICU and liblzma).
        libxml2Target,
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        .systemLibrary(
            name: "CZstd",
            pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"]), .brew(["zstd"])]
        ),
        .target(
            name: "FundstelleExtract", dependencies: ["CLibXML2", "CZlib"],
            swiftSettings: [.unsafeFlags(["-Xcc", "-I/usr/include/libxml2"], .when(platforms: [.linux]))]),
        .target(name: "FundstelleAnalysis", swiftSettings: uncheckedExclusivity),
        .target(
            name: "FundstelleIndex", dependencies: ["FundstelleExtract", "FundstelleAnalysis", "CZstd"], exclude: ["FORMAT.md"],
            swiftSettings: uncheckedExclusivity),
        .target(
            name: "FundstelleSearch", dependencies: ["FundstelleExtract", "FundstelleIndex", "FundstelleAnalysis"],
            swiftSettings: uncheckedExclusivity),
        .target(
            name: "FundstelleServer",
            dependencies: [
                "FundstelleIndex", "FundstelleSearch",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "fundstelle",
            dependencies: [
                "FundstelleExtract", "FundstelleAnalysis", "FundstelleIndex", "FundstelleSearch", "FundstelleServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // A position-dependent executable: the loader then has no relative relocations to
            // apply at start-up (75,000 of them, about 200 page faults), which a command that
            // runs for milliseconds, such as `fundstelle search`, notices.
            linkerSettings: [.unsafeFlags(["-Xclang-linker", "-no-pie"], .when(platforms: [.linux], configuration: .release))]
        ),
        // Helpers shared by the test targets: temporary folders, seeded randomness, ../shared look-up.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "FundstelleExtractTests", dependencies: ["FundstelleExtract", "TestSupport"]),
        .testTarget(name: "FundstelleAnalysisTests", dependencies: ["FundstelleAnalysis", "TestSupport"]),
        .testTarget(name: "FundstelleIndexTests", dependencies: ["FundstelleIndex", "TestSupport"]),
        .testTarget(name: "FundstelleSearchTests", dependencies: ["FundstelleSearch", "TestSupport"]),
        .testTarget(name: "FundstelleCLITests", dependencies: ["fundstelle", "TestSupport"]),
        .testTarget(
            name: "FundstelleServerTests",
            dependencies: [
                "FundstelleServer", "FundstelleIndex", "FundstelleExtract", "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ]
)
