import Foundation

/// The one PATH lookup (no shell): used for agents' availability, for the executor that
/// starts runs, and for the short commands Baton runs (git, the pager, the editor).
public enum ExecutableSearch {
    /// The absolute path of executable `name`: searched on `path` (colon-separated; empty
    /// entries skipped) when it has no slash, else taken as a path (relative to the current
    /// directory). Only regular executable files count. Nil when not found.
    public static func find(_ name: String, path: String) -> String? {
        guard !name.isEmpty else { return nil }
        let fm = FileManager.default
        if name.contains("/") {
            let full = name.hasPrefix("/") ? name : fm.currentDirectoryPath + "/" + name
            return isExecutableFile(full) ? full : nil
        }
        for dir in path.split(separator: ":", omittingEmptySubsequences: true) {
            let candidate = String(dir) + "/" + name
            if isExecutableFile(candidate) { return candidate }
        }
        return nil
    }

    /// True for an executable file that is not a folder (symbolic links followed).
    static func isExecutableFile(_ candidate: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory)
            && !isDirectory.boolValue && FileManager.default.isExecutableFile(atPath: candidate)
    }
}
