// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "trace",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "trace", targets: ["trace"]),
        .library(name: "TraceEngine", targets: ["TraceEngine"]),
        .library(name: "TraceLessons", targets: ["TraceLessons"]),
        .library(name: "TraceRender", targets: ["TraceRender"]),
        .library(name: "TraceGrading", targets: ["TraceGrading"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // libcmark, found through pkg-config (Debian: libcmark-dev). Only TraceRender/Markdown imports it.
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
        ),
        // printf's "%.*g" for NumberFormat.significant, called without Swift's CVarArg boxing.
        .target(name: "CSignificant"),
        .target(name: "TraceEngine"),
        .target(name: "TraceLessons", dependencies: ["TraceEngine", "Yams"]),
        .target(name: "TraceRender", dependencies: ["TraceEngine", "CCmark", "CSignificant"]),
        // Homework variants, answer keys and grading; it renders formulas in feedback, so it reads TraceRender too.
        .target(name: "TraceGrading", dependencies: ["TraceEngine", "TraceLessons", "TraceRender"]),
        .target(name: "TraceTool", dependencies: ["TraceEngine", "TraceLessons", "TraceRender", "TraceGrading"]),
        .executableTarget(
            name: "trace",
            dependencies: [
                "TraceTool", "TraceRender", "TraceEngine", "TraceLessons", "TraceGrading",
                .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // Reading the reference fixtures (numpy and the frameworks), for the test targets that compare against them.
        .target(name: "ReferenceFixtures", dependencies: ["TraceEngine", "TraceLessons"], path: "Tests/ReferenceFixtures"),
        .testTarget(
            name: "TraceEngineTests",
            dependencies: ["TraceEngine", "TraceLessons", "ReferenceFixtures", .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "TraceLessonsTests", dependencies: ["TraceLessons", "TraceEngine"]),
        .testTarget(name: "TraceRenderTests", dependencies: ["TraceRender", "TraceLessons", "ReferenceFixtures"]),
        .testTarget(
            name: "TraceGradingTests",
            dependencies: [
                "TraceGrading", "TraceLessons", "TraceEngine", "TraceRender", "ReferenceFixtures",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]),
        // Snapshots/ holds the golden files SnapshotTests reads by path from the source tree.
        .testTarget(name: "CLITests", dependencies: ["trace", "TraceEngine", "TraceTool"], exclude: ["Snapshots"]),
    ]
)
