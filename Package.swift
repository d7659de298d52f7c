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
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // libcmark, found through pkg-config (Debian: libcmark-dev). Only TraceRender/Markdown imports it.
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
        ),
        .target(name: "TraceEngine"),
        .target(name: "TraceLessons", dependencies: ["TraceEngine", "Yams"]),
        .target(name: "TraceRender", dependencies: ["TraceEngine", "CCmark"]),
        .target(name: "TraceTool", dependencies: ["TraceEngine", "TraceLessons", "TraceRender"]),
        .executableTarget(
            name: "trace",
            dependencies: ["TraceTool", "TraceRender", "TraceEngine", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(name: "TraceEngineTests", dependencies: ["TraceEngine", "TraceLessons"]),
        .testTarget(name: "TraceLessonsTests", dependencies: ["TraceLessons"]),
        .testTarget(name: "TraceRenderTests", dependencies: ["TraceRender", "TraceLessons"]),
        .testTarget(name: "CLITests", dependencies: ["trace"]),
    ]
)
