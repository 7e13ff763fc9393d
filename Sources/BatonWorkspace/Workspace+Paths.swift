import BatonCore
import Foundation

extension Workspace {
    /// True when `relativePath` (from the repository root) names a place inside the
    /// repository: it passes ``ScopePath/validate(_:)`` and, following every symbolic link
    /// on the way (as the kernel would), never leaves ``root``. Missing parts are fine.
    public func resolvesInside(_ relativePath: String) -> Bool {
        guard ScopePath.validate(relativePath) == nil else { return false }
        let top = Self.realPath(root)
        var resolved = top
        var pending = relativePath.split(separator: "/").map(String.init)
        var hops = 0
        while !pending.isEmpty {
            let component = pending.removeFirst()
            if component.isEmpty || component == "." { continue }
            if component == ".." {
                resolved = (resolved as NSString).deletingLastPathComponent
                continue
            }
            let candidate = resolved == "/" ? "/" + component : resolved + "/" + component
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: candidate) {
                hops += 1
                if hops > 40 { return false }
                if target.hasPrefix("/") { resolved = "/" }
                pending = target.split(separator: "/").map(String.init) + pending
            } else {
                resolved = candidate
            }
        }
        return resolved == top || resolved.hasPrefix(top == "/" ? "/" : top + "/")
    }

    /// `realpath(3)` of an existing folder; the path itself when it cannot be resolved.
    static func realPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
