import BatonCore
import Foundation

/// Turns a tool call claude was refused into allow rules in the syntax claude accepts
/// (`--allowedTools` and settings files):
/// - `Bash(git push origin HEAD)` once, `Bash(git push:*)` (a prefix rule) for the task;
/// - MCP tools by their bare name `mcp__server__tool` (claude ignores one with parentheses);
/// - file tools as `Edit(rel/path)` inside the worktree and `Edit(//abs/path)` outside it
///   (`Edit` covers every file-editing tool; `Read` keeps its own name);
/// - `WebFetch(domain:example.com)`; any other tool by its bare name.
public enum ClaudePermissionRules {
    /// The request for one `permission_denials` entry (`tool_name`, `tool_input`) or one
    /// `deferred_tool_use` (`name`, `input`).
    package static func request(toolName rawName: String, input: JSONObject, worktree: String?) -> PermissionRequest {
        let name = TerminalText.oneLine(rawName, limit: 80)
        if name.hasPrefix("mcp__") {
            return PermissionRequest(description: name, onceRule: name, taskRule: name)
        }
        if name == "Bash", let command = JSONLine.string(input["command"]) {
            let once = "Bash(\(TerminalText.oneLine(command, limit: 300)))"
            return PermissionRequest(description: once, onceRule: once, taskRule: "Bash(\(prefix(of: command)):*)")
        }
        if name == "WebFetch", let url = JSONLine.string(input["url"]), let host = URL(string: url)?.host, !host.isEmpty {
            let rule = "WebFetch(domain:\(host))"
            return PermissionRequest(description: "WebFetch(\(TerminalText.oneLine(url, limit: 200)))", onceRule: rule, taskRule: rule)
        }
        if let path = filePath(input), let ruleTool = fileRuleTool(name) {
            let rule = "\(ruleTool)(\(pattern(for: path, worktree: worktree)))"
            let shown = "\(name)(\(TerminalText.oneLine(ActivitySummary.relative(path, to: worktree), limit: 200)))"
            return PermissionRequest(description: shown, onceRule: rule, taskRule: rule)
        }
        return PermissionRequest(description: name, onceRule: name, taskRule: name)
    }

    /// `git push origin HEAD` → `git push`: the command and its first word that is not an
    /// option or a path (one word for a command that is only one word long).
    static func prefix(of command: String) -> String {
        let words = command.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
        guard let first = words.first else { return command }
        if words.count > 1 {
            let second = words[1]
            let plain = second.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ":" }
            if plain && !second.hasPrefix("-") { return "\(first) \(second)" }
        }
        return TerminalText.oneLine(first, limit: 100)
    }

    /// The path pattern: relative inside the worktree, `//abs/path` outside it.
    static func pattern(for path: String, worktree: String?) -> String {
        let shown = TerminalText.oneLine(ActivitySummary.relative(path, to: worktree), limit: 300)
        return shown.hasPrefix("/") ? "/" + shown : shown
    }

    static func filePath(_ input: JSONObject) -> String? {
        for key in ["file_path", "notebook_path", "path"] {
            if let value = JSONLine.string(input[key]), !value.isEmpty { return value }
        }
        return nil
    }

    /// `Edit` for every file-editing tool, `Read` for reading ones; nil for other tools.
    static func fileRuleTool(_ name: String) -> String? {
        switch name {
        case "Edit", "Write", "MultiEdit", "NotebookEdit": return "Edit"
        case "Read", "Glob", "Grep", "NotebookRead": return "Read"
        default: return nil
        }
    }
}
