// swift-tools-version:6.0
// The fuzz targets (libFuzzer). Built by `make fuzz` with
//   swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
// in a package of their own, so that an ordinary `swift build` of kh never sees them
// (they have no `main`: libFuzzer's is linked in). What each target checks: FuzzHarness.swift.
import PackageDescription

let package = Package(
    name: "kh-fuzz",
    dependencies: [.package(name: "kh", path: "..")],
    targets: ["fuzz-yaml", "fuzz-validate", "fuzz-import"].map {
        .executableTarget(name: $0, dependencies: [.product(name: "KHCore", package: "kh")])
    }
)
