import BatonTestSupport

/// `lineeditor-demo` in a real terminal (see TerminalSession).
enum DemoTerminal {
    /// The demo binary built next to the test bundle (or under .build/debug).
    static var path: String? { Products.path("lineeditor-demo") }

    static func start(width: Int, height: Int, arguments: [String]) throws -> TerminalSession {
        guard let demo = path else { throw CommandFailure(description: "lineeditor-demo is not built (run swift build first)") }
        return try TerminalSession([demo] + arguments, in: "/", width: width, height: height)
    }
}
