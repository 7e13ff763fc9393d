import ArgumentParser
import Foundation

/// The command line before and after ArgumentParser: missions that start with "-" are
/// kept as missions, and a bad argument is reported in one line.
enum CommandLineArguments {
    /// Moves every argument that starts with "-" but cannot be an option (it holds a space
    /// or a line break, like the mission "- a\n- b") after a `--`, so it parses as a
    /// positional argument wherever it was typed. Unchanged when `--` is already there.
    static func missionSafe(_ arguments: [String]) -> [String] {
        guard !arguments.contains("--") else { return arguments }
        let isText: (String) -> Bool = { $0.hasPrefix("-") && $0.contains(where: { $0.isWhitespace }) }
        let texts = arguments.filter(isText)
        guard !texts.isEmpty else { return arguments }
        return arguments.filter { !isText($0) } + ["--"] + texts
    }

    /// One line for a command-line error: `error: unknown option '--bogus' — see baton plan --help`.
    static func oneLine(_ message: String, arguments: [String], subcommands: [String]) -> String {
        var first = message.split(whereSeparator: \.isNewline).first.map(String.init) ?? message
        first = first.trimmingCharacters(in: .whitespaces)
        for prefix in ["Error: ", "error: "] where first.hasPrefix(prefix) { first = String(first.dropFirst(prefix.count)) }
        if let f = first.first { first = f.lowercased() + first.dropFirst() }
        let sub = arguments.first(where: subcommands.contains).map { " \($0)" } ?? ""
        return "error: \(first) — see baton\(sub) --help"
    }
}
