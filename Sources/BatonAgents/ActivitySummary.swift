import BatonCore
import Foundation

/// Short descriptions of agent tool calls for live lines: "reading Sources/X.swift",
/// "editing X", "running tests", "running: <cmd>".
public enum ActivitySummary {
    /// Longest description returned.
    public static let limit = 80

    /// Describes a tool call from its name (any agent's spelling: `Read`, `read_file`,
    /// `write_file`, `Bash`, `run_shell_command`, ...) and its JSON input.
    /// Paths inside `worktree` are shown relative to it.
    package static func describe(toolName: String, input: JSONObject, worktree: String? = nil) -> String {
        let name = toolName.lowercased()
        let path = self.path(in: input, worktree: worktree)
        if let command = JSONLine.string(input["command"]) ?? JSONLine.string(input["cmd"]),
            name.contains("bash") || name.contains("shell") || name.contains("exec") || name.contains("command")
        {
            return describe(command: command)
        }
        if let verb = verb(for: name) {
            if let path { return clip("\(verb) \(path)") }
            if let pattern = JSONLine.string(input["pattern"]) ?? JSONLine.string(input["query"]) {
                return clip("\(verb) \(pattern)")
            }
            return verb
        }
        if let command = JSONLine.string(input["command"]) { return describe(command: command) }
        if let path { return clip("\(TerminalText.oneLine(toolName, limit: 30)) \(path)") }
        return clip("using \(toolName)")
    }

    /// What `describe(toolName: "edit", input: ["path": path])` says: "editing <path>".
    static func editing(_ path: String) -> String {
        path.isEmpty ? "editing" : clip("editing \(shown(path, worktree: nil))")
    }

    /// "running tests" for a test command, else "running: <command>" (shell wrappers such as
    /// `bash -lc '...'` are unwrapped).
    public static func describe(command: String) -> String {
        let inner = unwrapShell(command)
        if isTestCommand(inner) { return "running tests" }
        return clip("running: \(TerminalText.oneLine(inner, limit: limit))")
    }

    /// True for common test runners (`swift test`, `npm test`, `pytest`, `go test`, ...).
    public static func isTestCommand(_ command: String) -> Bool {
        // Every answer of true needs one of these words in the text (ASCII, any case: no other
        // character lowercases to them), so most commands are settled without splitting.
        guard containsCaseInsensitive(command, anyOf: testHints) else { return false }
        let words = command.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == ";" || $0 == "&" || $0 == "|" })
            .map(String.init)
        if words.contains(where: { runners.contains($0) || $0.hasSuffix("/pytest") }) { return true }
        for (i, word) in words.enumerated() where i > 0 && (word == "test" || word == "tests" || word.hasPrefix("test:")) {
            if tools.contains(words[i - 1]) { return true }
        }
        return false
    }

    private static let runners: Set<String> = ["pytest", "jest", "vitest", "rspec", "phpunit", "mocha", "tox", "nox", "ctest"]
    private static let tools: Set<String> = [
        "swift", "npm", "yarn", "pnpm", "bun", "deno", "go", "cargo", "make", "dotnet", "mvn", "gradle",
        "./gradlew", "gradlew", "mix", "xcodebuild", "run", "rake", "zig", "flutter", "dart", "sbt", "lein",
    ]

    private static let testHints: [[UInt8]] = ["test", "jest", "rspec", "phpunit", "mocha", "tox", "nox"].map { Array($0.utf8) }

    /// True when `text` holds one of `needles` (lowercase ASCII), comparing ASCII letters in any case.
    private static func containsCaseInsensitive(_ text: String, anyOf needles: [[UInt8]]) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count > 0 else { return false }
            for start in 0..<bytes.count {
                let first = bytes[start] | 0x20
                for needle in needles where needle[0] == first && start + needle.count <= bytes.count {
                    var k = 1
                    while k < needle.count {
                        let b = bytes[start + k]
                        let lower = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
                        if lower != needle[k] { break }
                        k += 1
                    }
                    if k == needle.count { return true }
                }
            }
            return false
        }
    }

    private static func verb(for name: String) -> String? {
        switch name {
        case "read", "read_file", "readfile", "view", "cat", "read_many_files", "notebookread":
            return "reading"
        case "write", "write_file", "edit", "multiedit", "replace", "edit_file", "notebookedit", "apply_patch", "patch":
            return "editing"
        case "glob", "grep", "search", "search_file_content", "find", "ls", "list", "list_directory", "codebase_search":
            return "searching"
        case "webfetch", "web_fetch", "fetch", "websearch", "web_search", "google_web_search":
            return "browsing"
        case "todowrite", "todoread", "todo", "write_todos":
            return "planning"
        case "task", "agent":
            return "delegating"
        default:
            return nil
        }
    }

    /// True when the tool writes the file named in its input.
    static func isEdit(toolName: String) -> Bool { verb(for: toolName.lowercased()) == "editing" }

    /// The file the input names (`file_path`, `path`, `absolute_path`, `filePath`, ...),
    /// relative to `worktree` when inside it.
    static func path(in input: JSONObject, worktree: String? = nil) -> String? {
        for key in ["file_path", "filePath", "absolute_path", "path", "notebook_path", "file", "filename", "url"] {
            if let value = JSONLine.string(input[key]), !value.isEmpty { return shown(value, worktree: worktree) }
        }
        return nil
    }

    /// A path as activity lines show it.
    private static func shown(_ path: String, worktree: String?) -> String {
        TerminalText.oneLine(relative(path, to: worktree), limit: 60)
    }

    /// `path` relative to `worktree` when it lies inside it (`/wt/T1/src/a.py` → `src/a.py`,
    /// the worktree itself → `.`); any other path unchanged. Both CLIs report absolute paths.
    public static func relative(_ path: String, to worktree: String?) -> String {
        guard let worktree, !worktree.isEmpty, path.hasPrefix("/") else { return path }
        var root = worktree
        while root.count > 1 && root.hasSuffix("/") { root.removeLast() }
        if path == root || path == root + "/" { return "." }
        let prefix = root == "/" ? "/" : root + "/"
        guard path.hasPrefix(prefix) else { return path }
        var rest = Substring(path.dropFirst(prefix.count))
        while rest.hasPrefix("./") { rest = rest.dropFirst(2) }
        return rest.isEmpty ? "." : String(rest)
    }

    private static let shellPrefixes = [
        "bash -lc ", "bash -c ", "sh -c ", "zsh -lc ", "zsh -c ", "/bin/bash -lc ", "/bin/bash -c ", "/bin/sh -c ",
    ]

    static func unwrapShell(_ command: String) -> String {
        var text = trimmed(command)
        for prefix in shellPrefixes where text.utf8.starts(with: prefix.utf8) {
            text = trimmed(dropping(prefix.utf8.count, 0, of: text) ?? String(text.dropFirst(prefix.count)))
            if text.utf8.count >= 2, let first = text.first, first == "'" || first == "\"", text.last == first {
                text = dropping(1, 1, of: text) ?? String(text.dropFirst().dropLast())
            }
            break
        }
        return text
    }

    /// `text` without its first `head` and last `tail` bytes, when they are ASCII characters
    /// of their own (an ASCII byte next to each cut: no grapheme spans it); else nil.
    private static func dropping(_ head: Int, _ tail: Int, of text: String) -> String? {
        let utf8 = text.utf8
        let count = utf8.count
        guard head + tail <= count else { return nil }
        let start = utf8.index(utf8.startIndex, offsetBy: head)
        let end = utf8.index(utf8.endIndex, offsetBy: -tail)
        func ascii(_ at: Int) -> Bool { at < 0 || at >= count || utf8[utf8.index(utf8.startIndex, offsetBy: at)] < 0x80 }
        guard ascii(head - 1), ascii(head), ascii(count - tail - 1), ascii(count - tail) else { return nil }
        return String(utf8[start..<end])
    }

    /// `trimmingCharacters(in: .whitespaces)`, skipped when both ends are plain ASCII
    /// non-blanks (the usual case; Foundation's trim is slow on Linux).
    private static func trimmed(_ s: String) -> String {
        if let f = s.utf8.first, let l = s.utf8.last, f > 0x20, f < 0x7F, l > 0x20, l < 0x7F { return s }
        return s.trimmingCharacters(in: .whitespaces)
    }

    private static func clip(_ s: String) -> String { TerminalText.oneLine(s, limit: limit) }
}
