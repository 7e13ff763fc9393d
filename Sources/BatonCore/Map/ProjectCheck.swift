import Foundation

/// A command that builds, tests or lints the project, found from its manifests
/// (`Package.swift`, `package.json`, `Cargo.toml`, `go.mod`, `pyproject.toml`, a Makefile).
public struct ProjectCheck: Codable, Equatable, Sendable {
    /// What the command checks.
    public enum Kind: String, Codable, Sendable, CaseIterable { case build, test, lint }

    public var kind: Kind
    /// The command and its arguments (run without a shell).
    public var argv: [String]
    /// The folder to run it in, relative to the repository root ("" for the root).
    public var directory: String
    /// The file it was found in (`web/package.json`).
    public var source: String

    public init(kind: Kind, argv: [String], directory: String = "", source: String) {
        self.kind = kind
        self.argv = argv
        self.directory = directory
        self.source = source
    }

    /// `swift test`, or `(cd web) pnpm test` for a package below the root.
    public var display: String {
        (directory.isEmpty ? "" : "(in \(directory)/) ") + argv.joined(separator: " ")
    }
}

/// Finds a project's build, test and lint commands from its files. Pure: `paths` are the
/// repository's tracked files; `read` gives the text of one of them (only manifests are asked).
public enum ProjectChecks {
    /// Manifests are looked for at the root and in folders up to this deep (a monorepo's packages).
    public static let maxDepth = 2

    /// Every check found, a Makefile's targets first in each folder, root folder first.
    public static func detect(paths: [String], read: (String) -> String?) -> [ProjectCheck] {
        let present = Set(paths)
        var folders: [String] = [""]
        var seen: Set<String> = [""]
        let manifests: Set<String> = [
            "Package.swift", "package.json", "Cargo.toml", "go.mod", "pyproject.toml", "pytest.ini", "Makefile", "setup.py",
        ]
        for path in paths.sorted() {
            let parts = path.split(separator: "/").map(String.init)
            guard parts.count >= 2, parts.count - 1 <= maxDepth, manifests.contains(parts.last!),
                !parts.contains(where: { ["node_modules", "vendor", "third_party", ".build", "target", "dist"].contains($0) })
            else { continue }
            let folder = parts.dropLast().joined(separator: "/")
            if seen.insert(folder).inserted { folders.append(folder) }
        }
        return folders.flatMap { checks(in: $0, present: present, read: read) }
    }

    /// The checks of one folder.
    static func checks(in folder: String, present: Set<String>, read: (String) -> String?) -> [ProjectCheck] {
        let prefix = folder.isEmpty ? "" : folder + "/"
        func has(_ name: String) -> Bool { present.contains(prefix + name) }
        func check(_ kind: ProjectCheck.Kind, _ argv: [String], _ source: String) -> ProjectCheck {
            ProjectCheck(kind: kind, argv: argv, directory: folder, source: prefix + source)
        }
        var result: [ProjectCheck] = []
        if has("Makefile"), let text = read(prefix + "Makefile") {
            let targets = makeTargets(text)
            for (kind, target) in [(ProjectCheck.Kind.build, "build"), (.test, "test"), (.lint, "lint")] where targets.contains(target) {
                result.append(check(kind, ["make", target], "Makefile"))
            }
        }
        if has("Package.swift") {
            result.append(check(.build, ["swift", "build"], "Package.swift"))
            result.append(check(.test, ["swift", "test"], "Package.swift"))
        }
        if has("package.json"), let text = read(prefix + "package.json") {
            result += nodeChecks(text, tool: nodeTool(has: has, manifest: text)).map { kind, argv in check(kind, argv, "package.json") }
        }
        if has("Cargo.toml") {
            result.append(check(.build, ["cargo", "build"], "Cargo.toml"))
            result.append(check(.test, ["cargo", "test"], "Cargo.toml"))
        }
        if has("go.mod") {
            result.append(check(.build, ["go", "build", "./..."], "go.mod"))
            result.append(check(.test, ["go", "test", "./..."], "go.mod"))
        }
        let pyproject = has("pyproject.toml") ? read(prefix + "pyproject.toml") ?? "" : ""
        let pythonTests = present.contains { $0.hasPrefix(prefix + "tests/") && $0.hasSuffix(".py") }
        if has("pytest.ini") || pyproject.contains("[tool.pytest") || pythonTests
            || (has("pyproject.toml") && pyproject.contains("pytest"))
        {
            result.append(check(.test, ["pytest"], has("pytest.ini") ? "pytest.ini" : has("pyproject.toml") ? "pyproject.toml" : "tests/"))
        }
        if pyproject.contains("[tool.ruff") { result.append(check(.lint, ["ruff", "check", "."], "pyproject.toml")) }
        // A Makefile's target wins over the same kind found elsewhere in the folder.
        var kept: [ProjectCheck] = []
        for c in result where !(c.argv.first != "make" && kept.contains { $0.kind == c.kind && $0.argv.first == "make" }) {
            kept.append(c)
        }
        return kept
    }

    /// Targets a Makefile defines (`test:` at the start of a line).
    static func makeTargets(_ text: String) -> Set<String> {
        var targets: Set<String> = []
        for line in text.split(separator: "\n") {
            guard let first = line.first, first != "\t", first != " ", first != "#", let colon = line.firstIndex(of: ":") else { continue }
            let after = line[line.index(after: colon)...]
            if after.first == "=" { continue }  // `X := value`
            for name in line[..<colon].split(separator: " ") where !name.contains("$") && !name.contains("=") {
                targets.insert(String(name))
            }
        }
        return targets
    }

    /// npm, pnpm, yarn or bun: the `packageManager` field, else the lockfile.
    static func nodeTool(has: (String) -> Bool, manifest: String) -> String {
        if let json = try? JSONSerialization.jsonObject(with: Data(manifest.utf8)) as? [String: Any],
            let manager = json["packageManager"] as? String,
            let name = manager.split(separator: "@").first.map(String.init), ["npm", "pnpm", "yarn", "bun"].contains(name)
        {
            return name
        }
        if has("pnpm-lock.yaml") { return "pnpm" }
        if has("yarn.lock") { return "yarn" }
        if has("bun.lockb") || has("bun.lock") { return "bun" }
        return "npm"
    }

    /// The build, test and lint scripts of a package.json, run with `tool`.
    static func nodeChecks(_ manifest: String, tool: String) -> [(ProjectCheck.Kind, [String])] {
        guard let json = try? JSONSerialization.jsonObject(with: Data(manifest.utf8)) as? [String: Any],
            let scripts = json["scripts"] as? [String: Any]
        else { return [] }
        var result: [(ProjectCheck.Kind, [String])] = []
        for (kind, name) in [(ProjectCheck.Kind.build, "build"), (.test, "test"), (.lint, "lint")] {
            guard let script = scripts[name] as? String, !script.contains("no test specified") else { continue }
            // `npm test` runs the script; `bun test` would run bun's own runner instead.
            let argv = tool == "yarn" ? ["yarn", name] : (name == "test" && tool != "bun") ? [tool, "test"] : [tool, "run", name]
            result.append((kind, argv))
        }
        return result
    }
}
