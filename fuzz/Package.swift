// swift-tools-version:6.0
// libFuzzer targets for the untrusted text: lessons, answers files, and answers down the whole grading path.
// Built and run by fuzz/run (see fuzz/README.md); not part of the main package's build.
import Foundation
import PackageDescription

// A path dependency is known by its folder's name (`trace`, or whatever the clone is called).
let trace = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "trace-fuzz",
    dependencies: [.package(path: "..")],
    targets: [
        .target(name: "FuzzSupport"),
        .executableTarget(
            name: "FuzzLessons",
            dependencies: ["FuzzSupport", .product(name: "TraceLessons", package: trace), .product(name: "TraceEngine", package: trace)]),
        .executableTarget(
            name: "FuzzAnswers",
            dependencies: ["FuzzSupport", .product(name: "TraceGrading", package: trace)]),
        .executableTarget(
            name: "FuzzGrading",
            dependencies: [
                "FuzzSupport", .product(name: "TraceGrading", package: trace), .product(name: "TraceRender", package: trace),
            ]),
    ]
)
