// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "kh",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "kh", targets: ["kh"]),
        .library(name: "KHCore", targets: ["KHCore"]),
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
        .target(
            name: "KHCore",
            dependencies: ["CYAML", "CSQLite", "CZlib"],
            // GB18030 CSV files are decoded with iconv: part of glibc, a separate library on macOS.
            linkerSettings: [.linkedLibrary("iconv", .when(platforms: [.macOS]))]
        ),
        .executableTarget(
            name: "kh",
            dependencies: [
                "KHCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "KHCoreTests", dependencies: ["KHCore", "CSQLite"], exclude: ["Fixtures"]),
    ]
)
