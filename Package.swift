// swift-tools-version: 6.2
import PackageDescription

let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "Baton",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "baton", targets: ["baton"]),
        .executable(name: "baton-mcp", targets: ["baton-mcp"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", from: "0.12.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CEditLine",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        // Pure: models, events, reduce, DAG, scheduler, router, parsers. No IO.
        .target(name: "BatonCore", swiftSettings: strict),
        .target(
            name: "BatonAgents",
            dependencies: ["BatonCore", .product(name: "Subprocess", package: "swift-subprocess")],
            swiftSettings: strict
        ),
        .target(
            name: "BatonWorkspace",
            dependencies: ["BatonCore"],
            swiftSettings: strict
        ),
        .target(
            name: "BatonRuntime",
            dependencies: ["BatonCore", "BatonAgents", "BatonWorkspace", .product(name: "Subprocess", package: "swift-subprocess")],
            swiftSettings: strict
        ),
        // The MCP server Baton serves each agent run (`baton-mcp mcp`): talks to the session through run files.
        .target(
            name: "BatonMCP",
            dependencies: ["BatonRuntime", .product(name: "MCP", package: "swift-sdk")],
            swiftSettings: strict
        ),
        // Its own executable, next to `baton`: the MCP SDK needs FoundationNetworking (libcurl and
        // ~30 libraries it loads), which `baton` itself does not link, so it starts faster.
        .executableTarget(
            name: "baton-mcp",
            dependencies: ["BatonMCP", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strict
        ),
        .target(name: "LineEditor", dependencies: ["CEditLine"], swiftSettings: strict),
        .executableTarget(name: "lineeditor-demo", dependencies: ["LineEditor"], swiftSettings: strict),
        .target(
            name: "BatonREPL",
            dependencies: [
                "BatonRuntime", "LineEditor",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "baton",
            dependencies: ["BatonREPL", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strict,
            // Release on Linux: the Swift runtime and Foundation linked in, which halves the
            // time to start (looking up their symbols across ~50 shared libraries was most
            // of it). No FoundationNetworking: it would load libcurl and the ~30 libraries
            // behind it at every start (the HTTP planner runs the curl tool; the MCP server
            // is baton-mcp). Linked by lld with packed relative relocations: the loader
            // otherwise reads 2 MB of them (83,000 entries) at every start.
            linkerSettings: [
                .unsafeFlags(
                    [
                        "-static-stdlib", "-lFoundation", "-lCoreFoundation", "-lFoundationInternationalization",
                        "-lFoundationEssentials", "-l_FoundationICU", "-l_FoundationCShims", "-l_FoundationCollections",
                        "-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs",
                    ], .when(platforms: [.linux], configuration: .release))
            ]
        ),
        // In-process measurements for benchmarks/run.
        .executableTarget(name: "baton-bench", dependencies: ["BatonCore", "BatonAgents", "BatonRuntime"], swiftSettings: strict),
        // Shared test harness: temporary repositories, running the baton binary, tmux.
        .target(name: "BatonTestSupport", path: "Tests/Support", swiftSettings: strict),
        .testTarget(name: "BatonCoreTests", dependencies: ["BatonCore", "BatonTestSupport"], swiftSettings: strict),
        .testTarget(
            name: "BatonAgentsTests", dependencies: ["BatonAgents", "BatonTestSupport"], resources: [.copy("Fixtures")],
            swiftSettings: strict),
        .testTarget(name: "BatonWorkspaceTests", dependencies: ["BatonWorkspace"], swiftSettings: strict),
        .testTarget(name: "BatonRuntimeTests", dependencies: ["BatonRuntime", "BatonTestSupport"], swiftSettings: strict),
        .testTarget(name: "LineEditorTests", dependencies: ["LineEditor", "BatonTestSupport"], swiftSettings: strict),
        .testTarget(name: "BatonREPLTests", dependencies: ["BatonREPL"], swiftSettings: strict),
        .testTarget(name: "EndToEndTests", dependencies: ["BatonCore", "BatonTestSupport"], swiftSettings: strict),
    ]
)
