import BatonAgents
import Foundation

/// Where Baton's MCP server executable is: `baton-mcp` in the folder of the running `baton`
/// (its real path, from /proc/self/exe). It is apart so that `baton` does not load
/// FoundationNetworking and libcurl, which the MCP SDK needs, at every start.
enum MCPExecutable {
    static let name = "baton-mcp"

    /// Its absolute path; nil when it is not there (or not executable).
    static func path() -> String? {
        guard let folder = folder() else { return nil }
        return ExecutableSearch.find(folder + "/" + name, path: "")
    }

    /// The folder of the running `baton`.
    static func folder() -> String? {
        Launcher.executablePath().map { ($0 as NSString).deletingLastPathComponent }
    }

    /// What is missing and how to get it, in one line (without the `error:`/`warning:` prefix).
    static func missing(then consequence: String? = nil) -> String {
        let place = folder().map { " (\($0))" } ?? ""
        let what = consequence.map { ", so \($0)" } ?? ""
        return "\(name) is missing next to baton\(place)\(what) — build it (swift build --product \(name)) "
            + "or install both (scripts/install)"
    }
}
