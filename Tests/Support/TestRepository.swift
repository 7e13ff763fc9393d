import Foundation

/// A real git repository in a fresh temporary folder, removed when the value goes away.
public final class TestRepository: @unchecked Sendable {
    public let path: String
    /// A folder beside the repository for stand-in agent state, scenarios, plans.
    public let scratch: String

    /// `git init -b main`, a local identity, a README and one commit.
    public init(files: [String: String] = ["README.md": "# Demo\n"]) throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("baton-test-\(UUID().uuidString.prefix(8))")
        path = base.appendingPathComponent("repo").path
        scratch = base.appendingPathComponent("scratch").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        try git("init", "-q", "-b", "main")
        try git("config", "user.name", "Test")
        try git("config", "user.email", "test@example.invalid")
        try git("config", "commit.gpgsign", "false")
        for (name, content) in files { try write(name, content) }
        try git("add", "-A")
        try git("commit", "-q", "-m", "initial")
    }

    deinit {
        // Whatever a test started here and left running (a baton, its agents, a tmux
        // server): their environment names this folder (HOME, see BatonEnvironment).
        ProcessSweep.killAll(environmentPrefix: "HOME=" + scratch)
        try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path)
    }

    public func write(_ relative: String, _ content: String) throws {
        let url = URL(fileURLWithPath: path).appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try content.write(to: url, atomically: true, encoding: .utf8)
    }

    public func read(_ relative: String) -> String? {
        try? String(contentsOfFile: path + "/" + relative, encoding: .utf8)
    }

    /// Runs git in the repository; returns stdout; throws on a non-zero exit.
    @discardableResult
    public func git(_ arguments: String...) throws -> String { try gitArgs(arguments) }

    @discardableResult
    public func gitArgs(_ arguments: [String], in directory: String? = nil) throws -> String {
        let result = try Command.run("/usr/bin/git", arguments, in: directory ?? path)
        guard result.status == 0 else { throw CommandFailure(description: "git \(arguments.joined(separator: " ")): \(result.stderr)") }
        return result.stdout
    }

    /// The session directories under `.baton/Sessions`.
    public var sessionIDs: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path + "/.baton/Sessions")) ?? []).filter { $0.hasPrefix("s-") }.sorted()
    }
}

public struct CommandFailure: Error, CustomStringConvertible {
    public var description: String
    public init(description: String) { self.description = description }
}
