import Foundation

/// Waits for a condition, never for a fixed time: polls until it holds or `seconds` pass
/// (generous by default: the machine may be loaded). Returns whether it held.
public func poll(seconds: Double = 60, every interval: Duration = .milliseconds(50), _ condition: () throws -> Bool) async rethrows -> Bool
{
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try condition() { return true }
        try? await Task.sleep(for: interval)
    }
    return try condition()
}

/// Where the package's built products are (the `baton` binary and friends).
public enum Products {
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A built executable next to the test bundle, or under .build/debug.
    public static func path(_ name: String) -> String? {
        var candidates: [URL] = []
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        candidates.append(exe.deletingLastPathComponent().appendingPathComponent(name))
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(name))
        candidates.append(packageRoot.appendingPathComponent(".build/debug/\(name)"))
        return candidates.map(\.path).first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The `baton` binary under test.
    public static var baton: String {
        guard let p = path("baton") else { fatalError("the baton binary is not built — run swift build first") }
        return p
    }

    /// The folder of stand-in `claude`, `codex`, `gemini` executables.
    public static var standIns: String { packageRoot.appendingPathComponent("Tests/StandIns/bin").path }
}
