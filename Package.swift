// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "kh",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "kh", targets: ["kh"]),
        // `kh serve` starts it: the web server is a program of its own, so kh stays as lean.
        .executable(name: "kh-serve", targets: ["kh-serve"]),
        // For the fuzzer (Fuzz/), a package of its own.
        .library(name: "KHFuzzing", targets: ["KHFuzzing"]),
    ],
    // `kh serve`'s web server (Hummingbird) is the trait Server, off by default: a plain
    // `swift build` (the pre-commit hook's) builds kh without it, as fast as before;
    // `make build`, `make install` and the release builds turn it on (docs/serve.md).
    traits: [
        .trait(name: "Server", description: "kh serve: the archive in a browser (builds Hummingbird and SwiftNIO)."),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        // Team mode's passwords: bcrypt (its C and one Swift file; the package's other
        // targets, and swift-crypto, are resolved but never built).
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
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
        // The layers, each a target that sees only those it lists (every build passes
        // --explicit-target-dependency-import-check error, so a sideways import fails too):
        //   KHSupport     files, child processes and git, JSON, hashing, text in both languages
        //   KHYAML        libyaml → nodes with positions; the writer; in-place edits
        //   KHModel       the archive model: kh.yaml, the schema, the reader, the layout scan,
        //                 and the rules those find as they read (KH1xx, field rules, KH5xx, KH6xx)
        //   KHValidation  the rules over a customer's snapshot and over the archive (KH2xx–KH4xx,
        //                 KH7xx), the validator running every rule, its result cache, its formats
        //   KHOutputs, KHWrite   what kh reads out (index, catalogue, review, report, references)
        //                 and what it writes (plans, journal, import, fix); neither sees the other
        //   kh, KHServe   the command line; kh serve's pages (docs/development.md has the diagram)
        // KHPinyin and KHSpreadsheet are leaves the layers above use.
        .target(name: "KHSupport"),
        .target(name: "KHYAML", dependencies: ["CYAML"]),
        .target(name: "KHPinyin"),
        .target(name: "KHModel", dependencies: ["KHSupport", "KHYAML", "KHPinyin"]),
        .target(
            name: "KHSpreadsheet",
            dependencies: ["KHSupport", "KHYAML", "CZlib"],
            // GB18030 CSV files are decoded with iconv: part of glibc, a separate library on macOS.
            linkerSettings: [.linkedLibrary("iconv", .when(platforms: [.macOS]))]
        ),
        .target(name: "KHValidation", dependencies: ["KHSupport", "KHModel", "KHPinyin"]),
        .target(name: "KHOutputs", dependencies: ["KHSupport", "KHValidation", "KHSpreadsheet", "CSQLite"]),
        .target(name: "KHWrite", dependencies: ["KHSupport", "KHValidation", "KHSpreadsheet"]),
        .target(name: "KHFuzzing", dependencies: ["KHSupport", "KHOutputs", "KHWrite"]),
        // kh serve: pages, forms and their security over the layers below; the HTTP
        // transport (Hummingbird) only with the trait Server.
        .target(
            name: "KHServe",
            dependencies: [
                "KHSupport", "KHOutputs", "KHWrite",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Hummingbird", package: "hummingbird", condition: .when(traits: ["Server"])),
            ]
        ),
        .executableTarget(
            name: "kh",
            dependencies: [
                "KHSupport", "KHOutputs", "KHWrite",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "kh-serve",
            dependencies: [
                "KHSupport", "KHServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The tests, in three targets: KHTestSupport (the golden-file helper, temporary archives,
        // running the built kh, and Fixtures/), KHUnitTests (each layer in-process: no network,
        // no built binary) and KHEndToEndTests (the kh binary's exit codes and outputs, the kill
        // campaign, hostile archives, fuzz replay, check-jsonschema, LibreOffice). make check
        // runs the unit tests, make test all of them (docs/development.md).
        .testTarget(
            name: "KHTestSupport",
            dependencies: [
                "KHSupport", "KHYAML", "KHPinyin", "KHModel", "KHSpreadsheet", "KHValidation", "KHOutputs", "KHWrite", "KHFuzzing", "CSQLite",
            ],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "KHUnitTests",
            dependencies: [
                "KHTestSupport", "KHSupport", "KHYAML", "KHPinyin", "KHModel", "KHSpreadsheet", "KHValidation", "KHOutputs", "KHWrite",
                "KHFuzzing", "KHServe", "CSQLite",
            ]
        ),
        .testTarget(
            name: "KHEndToEndTests",
            dependencies: [
                "KHTestSupport", "KHSupport", "KHYAML", "KHPinyin", "KHModel", "KHSpreadsheet", "KHValidation", "KHOutputs", "KHWrite",
                "KHFuzzing", "KHServe", "CSQLite",
            ]
        ),
    ]
)
