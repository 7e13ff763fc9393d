import Foundation

/// A program in a real terminal: a tmux server on a private socket, driven with send-keys and
/// read with capture-pane.
public final class TerminalSession: @unchecked Sendable {
    public static let tmuxPath: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/tmux" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    public static var isAvailable: Bool { tmuxPath != nil }

    let socket: String
    let target = "t"

    /// Starts `argv` in `directory` in a detached `width`×`height` terminal.
    public init(_ argv: [String], in directory: String, environment: [String: String] = [:], width: Int = 120, height: Int = 40) throws {
        socket = "baton-t-\(getpid())-\(UUID().uuidString.prefix(8))"
        // tmux resets PATH for the first window whatever `-e` says: set the environment
        // through env(1) in the command itself.
        let env = ["/usr/bin/env", "LANG=C.UTF-8"] + environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        try run(
            ["new-session", "-d", "-s", target, "-x", "\(width)", "-y", "\(height)", "-c", directory]
                + env + argv + [";", "set-option", "-t", target, "remain-on-exit", "on"])
    }

    deinit { kill() }

    /// Ends the session and its server (tmux 3.3 may leave a server with a dead pane running
    /// after kill-server alone; killing the session first ends it).
    public func kill() {
        _ = try? run(["kill-session", "-t", target])
        _ = try? run(["kill-server"])
        let directory = ProcessInfo.processInfo.environment["TMUX_TMPDIR"] ?? "/tmp"
        try? FileManager.default.removeItem(atPath: "\(directory)/tmux-\(getuid())/\(socket)")
    }

    /// Resizes the terminal (the program gets SIGWINCH).
    public func resize(width: Int, height: Int) throws {
        try run(["resize-window", "-t", target, "-x", "\(width)", "-y", "\(height)"])
    }

    /// Sends key names (`Left`, `Enter`, `C-c`, …).
    public func keys(_ names: String...) throws { try run(["send-keys", "-t", target] + names) }

    /// Types text literally.
    public func type(_ text: String) throws { try run(["send-keys", "-t", target, "-l", text]) }

    /// Pastes text the way a terminal does (bracketed when the program asked for it).
    public func paste(_ text: String) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("\(socket).paste")
        try Data(text.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        try run(["load-buffer", "-b", "p", file.path])
        try run(["paste-buffer", "-p", "-b", "p", "-t", target])
    }

    /// The visible screen rows as drawn (wrapped lines not joined).
    public func rows() throws -> [String] { try lines(["capture-pane", "-p", "-t", target]) }

    /// Polls `condition` until it holds (see ``poll(seconds:every:_:)``).
    public func waitUntil(seconds: Double = 60, _ condition: () throws -> Bool) async rethrows -> Bool {
        try await poll(seconds: seconds, condition)
    }

    /// The visible screen, wrapped lines joined.
    public func screen() throws -> [String] { try lines(["capture-pane", "-p", "-J", "-t", target]) }

    /// Everything, including what scrolled off, wrapped lines joined.
    public func scrollback() throws -> [String] { try lines(["capture-pane", "-p", "-J", "-S", "-", "-t", target]) }

    public func cursor() throws -> (x: Int, y: Int) {
        let parts = try run(["display-message", "-p", "-t", target, "#{cursor_x},#{cursor_y}"])
            .trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ",").compactMap { Int($0) }
        return (parts.first ?? -1, parts.dropFirst().first ?? -1)
    }

    public func paneDead() throws -> Bool {
        try run(["display-message", "-p", "-t", target, "#{pane_dead}"]).hasPrefix("1")
    }

    private func lines(_ arguments: [String]) throws -> [String] {
        try run(arguments).split(separator: "\n", omittingEmptySubsequences: false).map {
            String($0).replacingOccurrences(of: " +$", with: "", options: .regularExpression)
        }
    }

    @discardableResult
    private func run(_ arguments: [String]) throws -> String {
        guard let tmux = Self.tmuxPath else { throw CommandFailure(description: "tmux is not installed") }
        // Only queries capture output: a new session's server must not hold our pipe.
        let capture = arguments.first != "new-session" && arguments.first != "kill-server"
        return try Spawn.run([tmux, "-u", "-f", "/dev/null", "-L", socket] + arguments, captureOutput: capture)
    }
}
