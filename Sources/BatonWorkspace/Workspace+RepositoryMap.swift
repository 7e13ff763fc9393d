import BatonCore
import Foundation

extension Workspace {
    /// Where repository maps are cached: `<root>/.baton/map/<head>.json`.
    public var mapDirectory: String { batonDirectory + "/map" }

    /// The repository map at HEAD — built once per HEAD and cached under `.baton/map/` —
    /// with its ``RepositoryMap/Focus`` for `mission` when one is given (the files and
    /// folders its nouns name, `git grep -l` for its identifiers, recent commits there).
    /// Nil when the repository has no commit yet.
    public func repositoryMap(mission: String? = nil) async throws -> RepositoryMap? {
        let headResult = try await run(["rev-parse", "--verify", "--quiet", "HEAD^{commit}"])
        guard headResult.succeeded else { return nil }
        let head = headResult.trimmedOutput
        var map: RepositoryMap
        if let cached = try await cachedMap(head: head) { map = cached } else { map = try await buildMap(head: head) }
        if let mission, !mission.allSatisfy(\.isWhitespace) {
            map.focus = try await focus(for: mission)
        }
        return map
    }

    /// The cached map for `head`, if it is there and of the current format.
    func cachedMap(head: String) async throws -> RepositoryMap? {
        let file = mapDirectory + "/\(head).json"
        guard let data = FileManager.default.contents(atPath: file),
            let map = try? JSONDecoder().decode(RepositoryMap.self, from: data),
            map.version == RepositoryMap.formatVersion, map.head == head
        else { return nil }
        return map
    }

    /// Builds the map from `git ls-tree -r -l HEAD` and the manifests at HEAD, then caches it
    /// (keeping the newest few maps).
    func buildMap(head: String) async throws -> RepositoryMap {
        let listing = try await runChecked(["ls-tree", "-r", "-l", "-z", "--full-tree", head]).stdout
        var files: [(path: String, bytes: Int)] = []
        for entry in listing.split(separator: "\0") {
            // "<mode> <type> <object> <size>\t<path>"
            guard let tab = entry.firstIndex(of: "\t") else { continue }
            let fields = entry[..<tab].split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count == 4, fields[1] == "blob" else { continue }
            files.append((String(entry[entry.index(after: tab)...]), Int(fields[3]) ?? 0))
        }
        let wanted: Set<String> = ["package.json", "Makefile", "pyproject.toml"]
        var manifests: [String: String] = [:]
        for file in files where manifests.count < 40 {
            let parts = file.path.split(separator: "/")
            guard parts.count - 1 <= ProjectChecks.maxDepth, let name = parts.last, wanted.contains(String(name)),
                file.bytes <= 512 * 1024
            else { continue }
            let shown = try await run(["show", "\(head):\(file.path)"])
            if shown.succeeded { manifests[file.path] = shown.stdout }
        }
        let map = RepositoryMap.summarize(head: head, files: files) { manifests[$0] }
        try? await storeMap(map)
        return map
    }

    private func storeMap(_ map: RepositoryMap) async throws {
        try await ensureBatonExcludedOnce()
        let files = FileManager.default
        try files.createDirectory(atPath: mapDirectory, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try encoder.encode(map).write(to: URL(fileURLWithPath: mapDirectory + "/\(map.head).json"), options: .atomic)
        // Keep the four newest maps.
        let old = ((try? files.contentsOfDirectory(atPath: mapDirectory)) ?? []).filter { $0.hasSuffix(".json") }
            .map { mapDirectory + "/" + $0 }
            .sorted { (modified($0) ?? .distantPast) > (modified($1) ?? .distantPast) }
        for stale in old.dropFirst(4) { try? files.removeItem(atPath: stale) }
    }

    private func modified(_ path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }

    /// The part of the map that depends on the mission: bounded path matches, files naming
    /// its identifiers, and the recent commits touching them.
    func focus(for mission: String) async throws -> RepositoryMap.Focus {
        let terms = RepositoryMap.searchTerms(mission: mission)
        let files = try await runChecked(["ls-files", "-z"]).stdout.split(separator: "\0").map(String.init)
        let confirmed = try await confirmQualifiers(RepositoryMap.qualifiedPaths(files: files, mission: mission))
        let paths = RepositoryMap.matchingPaths(files: files, mission: mission, limit: 20, confirmed: confirmed)
        var contents: [String] = []
        if !terms.identifiers.isEmpty {
            let arguments = ["grep", "-l", "-I", "-F", "-w", "--max-count=1"] + terms.identifiers.flatMap { ["-e", $0] } + ["--"]
            let found = try await run(arguments)
            if found.succeeded {
                contents = found.stdout.split(separator: "\n").map(String.init)
                    .filter { file in !paths.contains { $0 == file || (file.hasPrefix($0) && $0.hasSuffix("/")) } }
                    .prefix(10).map { $0 }
            }
        }
        let touched = Array((paths + contents).prefix(12))
        let commits = touched.isEmpty ? [] : try await recentCommits(touching: touched, limit: 5)
        return RepositoryMap.Focus(
            terms: terms.nouns + terms.identifiers.filter { !terms.nouns.contains($0.lowercased()) },
            paths: paths, contents: contents, commits: commits, confirmed: confirmed.isEmpty ? nil : confirmed)
    }

    /// For each folder or file a qualified noun names ("crash reports" → `Sources/Reports/`),
    /// the qualifiers its tracked files mention (`git grep -l -i`, one match is enough;
    /// bounded by ``RepositoryMap/qualifiedPaths(files:mission:limit:)``).
    func confirmQualifiers(_ paths: [String: [String]]) async throws -> [String: [String]] {
        var confirmed: [String: [String]] = [:]
        for (path, qualifiers) in paths.sorted(by: { $0.key < $1.key }) {
            for qualifier in qualifiers.prefix(3) {
                let found = try await run(["grep", "-l", "-i", "-I", "-F", "--max-count=1", "-e", qualifier, "--", ":(top,literal)" + path])
                if found.succeeded && !found.trimmedOutput.isEmpty { confirmed[path, default: []].append(qualifier) }
            }
        }
        return confirmed
    }
}

extension Workspace {
    /// How many tracked files each scope path holds at HEAD: a folder (`Sources/Reports/`)
    /// counts the files under it, a file counts 1; patterns and paths git does not track are
    /// left out. One `git ls-files` for all of them (the router reads breadth from it).
    public func scopeFileCounts(_ scopes: [String]) async throws -> [String: Int] {
        let wanted = Set(scopes.filter { !$0.contains("*") && !$0.isEmpty })
        guard !wanted.isEmpty else { return [:] }
        let files = try await runChecked(["ls-files", "-z"]).stdout.split(separator: "\0")
        var counts: [String: Int] = [:]
        for scope in wanted {
            let folder = scope.hasSuffix("/") ? scope : scope + "/"
            let n = files.count { $0 == scope || $0.hasPrefix(folder) }
            if n > 0 { counts[scope] = n }
        }
        return counts
    }
}
