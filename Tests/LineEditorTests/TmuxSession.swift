import BatonTestSupport
import Foundation

/// Drives `lineeditor-demo` in a real terminal: a tmux server on a private socket.
final class TmuxSession {
    static let tmuxPath: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/tmux" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    static var isAvailable: Bool { tmuxPath != nil }

    /// The demo binary built next to the test bundle (or under the package's .build/debug).
    static let demoPath: String? = {
        var candidates: [URL] = []
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        candidates.append(exe.deletingLastPathComponent().appendingPathComponent("lineeditor-demo"))
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("lineeditor-demo"))
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug/lineeditor-demo"))
        return candidates.map(\.path).first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    let socket: String
    let target = "demo"

    /// Starts the demo with `arguments` in a detached `width`×`height` session.
    init(width: Int, height: Int, arguments: [String]) throws {
        socket = "baton-le-\(getpid())-\(UUID().uuidString.prefix(8))"
        guard let demo = Self.demoPath else { throw TmuxError.missing("lineeditor-demo (run swift build first)") }
        // The server started here keeps any stdout pipe open: don't capture.
        try run(["new-session", "-d", "-s", target, "-x", "\(width)", "-y", "\(height)",
                 "-e", "LANG=C.UTF-8", demo] + arguments
                + [";", "set-option", "-t", target, "remain-on-exit", "on"], captureOutput: false)
    }

    deinit { kill() }

    /// Ends the tmux server (and with it the demo).
    func kill() {
        _ = try? run(["kill-server"])
        let directory = ProcessInfo.processInfo.environment["TMUX_TMPDIR"] ?? "/tmp"
        try? FileManager.default.removeItem(atPath: "\(directory)/tmux-\(getuid())/\(socket)")
    }

    /// Sends key names (`Left`, `Enter`, `C-c`, …).
    func keys(_ names: String...) throws { try run(["send-keys", "-t", target] + names) }

    /// Types text literally.
    func type(_ text: String) throws { try run(["send-keys", "-t", target, "-l", text]) }

    /// Pastes text the way a terminal does (bracketed when the app asked for it).
    func paste(_ text: String) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("\(socket).paste")
        try Data(text.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        try run(["load-buffer", "-b", "p", file.path])
        try run(["paste-buffer", "-p", "-b", "p", "-t", target])
    }

    /// The visible screen, wrapped lines joined, one string per line.
    func screen() throws -> [String] { try lines(["capture-pane", "-p", "-J", "-t", target]) }

    /// The visible screen rows as drawn (not joined).
    func rows() throws -> [String] { try lines(["capture-pane", "-p", "-t", target]) }

    /// Everything, including what scrolled off, wrapped lines joined.
    func scrollback() throws -> [String] { try lines(["capture-pane", "-p", "-J", "-S", "-", "-t", target]) }

    func cursor() throws -> (x: Int, y: Int) {
        let parts = try run(["display-message", "-p", "-t", target, "#{cursor_x},#{cursor_y}"])
            .trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ",").compactMap { Int($0) }
        return (parts.first ?? -1, parts.dropFirst().first ?? -1)
    }

    func paneDead() throws -> Bool {
        try run(["display-message", "-p", "-t", target, "#{pane_dead}"]).hasPrefix("1")
    }

    /// Polls `condition` until it holds or `seconds` pass; returns whether it held.
    func waitUntil(seconds: Double = 20, _ condition: () throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            try await Task.sleep(for: .milliseconds(40))
        }
        return try condition()
    }

    private func lines(_ arguments: [String]) throws -> [String] {
        try run(arguments).split(separator: "\n", omittingEmptySubsequences: false).map {
            String($0).replacingOccurrences(of: " +$", with: "", options: .regularExpression)
        }
    }

    /// Runs tmux and returns its output. Spawned with an empty signal mask:
    /// test threads block most signals, and a tmux server that inherits that
    /// mask never sees SIGCHLD and hangs.
    @discardableResult
    private func run(_ arguments: [String], captureOutput: Bool = true) throws -> String {
        guard let tmux = Self.tmuxPath else { throw TmuxError.missing("tmux") }
        return try Spawn.run([tmux, "-u", "-f", "/dev/null", "-L", socket] + arguments, captureOutput: captureOutput)
    }
}

enum TmuxError: Error {
    case missing(String)
}
