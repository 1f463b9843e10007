// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "kh",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "kh", targets: ["kh"]),
        // For the fuzzer (Fuzz/), a package of its own.
        .library(name: "KHFuzzing", targets: ["KHFuzzing"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        // The layers, each a target that sees only those listed before it:
        // YAML → the archive model → rules and validation → outputs and writing → kh.
        // (Pinyin and spreadsheets are leaves the layers above use.)
        .target(name: "KHYAML", dependencies: ["CYAML"]),
        .target(name: "KHPinyin"),
        .target(name: "KHModel", dependencies: ["KHYAML", "KHPinyin"]),
        .target(
            name: "KHSpreadsheet",
            dependencies: ["KHModel", "CZlib"],
            // GB18030 CSV files are decoded with iconv: part of glibc, a separate library on macOS.
            linkerSettings: [.linkedLibrary("iconv", .when(platforms: [.macOS]))]
        ),
        .target(name: "KHRules", dependencies: ["KHModel", "KHPinyin"]),
        .target(name: "KHOutputs", dependencies: ["KHRules", "KHSpreadsheet", "CSQLite"]),
        .target(name: "KHWrite", dependencies: ["KHRules", "KHSpreadsheet"]),
        .target(name: "KHFuzzing", dependencies: ["KHOutputs", "KHWrite"]),
        .executableTarget(
            name: "kh",
            dependencies: [
                "KHOutputs", "KHWrite",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "KHTests",
            dependencies: ["KHYAML", "KHPinyin", "KHModel", "KHSpreadsheet", "KHRules", "KHOutputs", "KHWrite", "KHFuzzing", "CSQLite"],
            exclude: ["Fixtures"]
        ),
    ]
)
