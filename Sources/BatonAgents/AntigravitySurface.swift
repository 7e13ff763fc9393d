import Foundation

/// What an installed `agy` offers headlessly, read from its `--help` once per version (the
/// executable's path, size and modification time: an upgrade reads it again).
public struct AntigravitySurface: Sendable, Equatable {
    /// `--output-format stream-json` (later versions); else plain `--print` text (1.0).
    public var streamJSON: Bool
    /// `--conversation ID` resumes a conversation.
    public var conversation: Bool
    public var model: Bool
    public var skipPermissions: Bool

    public init(streamJSON: Bool, conversation: Bool, model: Bool = false, skipPermissions: Bool = false) {
        self.streamJSON = streamJSON
        self.conversation = conversation
        self.model = model
        self.skipPermissions = skipPermissions
    }

    /// The surface a help text describes.
    public static func reading(help: String) -> AntigravitySurface {
        AntigravitySurface(
            streamJSON: AgentDoctor.lists(help, flag: "--output-format") && help.contains("stream-json"),
            conversation: AgentDoctor.lists(help, flag: "--conversation"),
            model: AgentDoctor.lists(help, flag: "--model"),
            skipPermissions: AgentDoctor.lists(help, flag: "--dangerously-skip-permissions"))
    }

    /// The plain 1.0 surface, assumed when the help cannot be read.
    public static let plain = AntigravitySurface(streamJSON: false, conversation: false)

    private static let cache = Cache()

    /// The surface of `command` as found on PATH (its help read once per version).
    public static func probe(_ command: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> AntigravitySurface {
        guard let path = ExecutableSearch.find(command, path: environment["PATH"] ?? "") else { return .plain }
        let attributes = (try? FileManager.default.attributesOfItem(atPath: path)) ?? [:]
        let stamp = "\(path)|\((attributes[.size] as? NSNumber)?.intValue ?? 0)|\((attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)"
        if let known = cache.get(stamp) { return known }
        let help = AgentDoctor(environment: environment, timeout: 10).capture(path, ["--help"], in: nil)
        let surface = help.map { reading(help: $0.output + "\n" + $0.error) } ?? .plain
        cache.set(stamp, surface)
        return surface
    }

    private final class Cache: @unchecked Sendable {
        private let lock = NSLock()
        private var surfaces: [String: AntigravitySurface] = [:]
        func get(_ key: String) -> AntigravitySurface? { lock.withLock { surfaces[key] } }
        func set(_ key: String, _ value: AntigravitySurface) { lock.withLock { surfaces[key] = value } }
    }
}
