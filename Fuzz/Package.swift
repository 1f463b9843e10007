// swift-tools-version:6.0
// The fuzzer (libFuzzer): one executable, kh-fuzz, whose target (yaml, validate, import) is
// chosen by KH_FUZZ_TARGET. Built by `make fuzz-build` with
//   swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld
// in a package of its own, so that an ordinary `swift build` of kh never sees it (it is
// linked against libFuzzer). What each target checks: Sources/KHFuzzing/FuzzHarness.swift.
import PackageDescription

let package = Package(
    name: "kh-fuzz",
    dependencies: [.package(name: "kh", path: "..")],
    targets: [
        .executableTarget(name: "kh-fuzz", dependencies: [.product(name: "KHFuzzing", package: "kh")])
    ]
)
