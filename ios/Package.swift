// swift-tools-version:5.9
// The precheck SDK for iOS: the generated Swift bindings (Sources/Precheck/Generated, written by
// scripts/build-xcframework) over the Rust core shipped as PrecheckFFI.xcframework, plus small
// hand-written helpers for camera buffers.
import PackageDescription

let package = Package(
    name: "Precheck",
    platforms: [.iOS(.v15)],
    products: [
        .library(name: "Precheck", targets: ["Precheck"]),
    ],
    targets: [
        .binaryTarget(name: "PrecheckFFI", path: "PrecheckFFI.xcframework"),
        .target(
            name: "Precheck",
            dependencies: ["PrecheckFFI"],
            path: "Sources/Precheck"
        ),
    ]
)
