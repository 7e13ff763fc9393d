import BatonCore
import Foundation
import Subprocess

/// Whether an agent can be used on this machine.
public struct AgentStatus: Codable, Sendable, Equatable {
    /// True when its executable was found (always true for `human`).
    public var available: Bool
    /// Where the executable was found on PATH.
    public var executablePath: String?
    /// First line of `<cmd> --version`, when it answered in time.
    public var version: String?

    public init(available: Bool, executablePath: String? = nil, version: String? = nil) {
        self.available = available
        self.executablePath = executablePath
        self.version = version
    }
}

/// Finds agents on PATH (no shell) and asks each for its version, with a cache so later
/// starts do not run the probes again.
public enum AgentAvailability {
    /// How long `<cmd> --version` may take before it is killed.
    public static let defaultTimeout: Duration = .seconds(2)

    /// The status of every profile, keyed by profile name.
    /// - Parameters:
    ///   - path: the PATH to search (default: this process's PATH).
    ///   - cacheFile: where probe results are kept between starts (e.g.
    ///     `.baton/agents-cache.json`); nil for no cache. Entries are keyed by the
    ///     executable's resolved path and modification time, so an upgrade re-probes.
    ///   - timeout: how long a version probe may take; it is killed after that.
    public static func detect(
        _ profiles: [AgentProfile],
        path: String = ProcessInfo.processInfo.environment["PATH"] ?? "",
        cacheFile: String? = nil,
        timeout: Duration = defaultTimeout
    ) async -> [String: AgentStatus] {
        var cache = cacheFile.map(ProbeCache.load) ?? ProbeCache()
        var statuses: [String: AgentStatus] = [:]
        var found: [(name: String, path: String, stamp: ProbeCache.Stamp)] = []
        var toProbe: [String: ProbeCache.Stamp] = [:]  // executable path → its stamp
        for profile in profiles {
            if profile.isHuman {
                statuses[profile.name] = AgentStatus(available: true)
                continue
            }
            guard let exe = profile.executable, let resolved = resolve(exe, path: path) else {
                statuses[profile.name] = AgentStatus(available: false)
                continue
            }
            let stamp = ProbeCache.stamp(of: resolved)
            found.append((profile.name, resolved, stamp))
            if cache.lookup(stamp) == nil { toProbe[resolved] = stamp }
        }
        let probed = await withTaskGroup(of: (String, ProbeOutcome).self) { group in
            for executable in toProbe.keys {
                group.addTask { (executable, await probeVersion(executable, timeout: timeout)) }
            }
            var results: [String: ProbeOutcome] = [:]
            for await (executable, outcome) in group { results[executable] = outcome }
            return results
        }
        var changed = false
        for (executable, stamp) in toProbe {
            // Only a probe that finished is cached: a timeout or a failed start may be
            // passing trouble (a busy machine), so the next start tries again.
            guard case .finished(let version) = probed[executable] else { continue }
            cache.store(stamp, version: version)
            changed = true
        }
        for item in found {
            statuses[item.name] = AgentStatus(
                available: true, executablePath: item.path, version: cache.lookup(item.stamp) ?? nil
            )
        }
        if changed, let cacheFile { cache.save(to: cacheFile) }
        return statuses
    }

    /// The absolute path of executable `name` on `path` (see ``ExecutableSearch/find(_:path:)``).
    public static func resolve(_ name: String, path: String) -> String? {
        ExecutableSearch.find(name, path: path)
    }

    /// How a version probe ended.
    enum ProbeOutcome: Sendable, Equatable {
        /// It exited; the version is nil when it failed or printed nothing usable.
        case finished(String?)
        /// It did not answer in time and was killed.
        case timedOut
        /// It could not be started or read.
        case failed
    }

    /// Runs `<executable> --version` (argv, no shell) in its own process group, reads the
    /// first line of its output, and kills the group after `timeout`.
    static func probeVersion(_ executable: String, timeout: Duration) async -> ProbeOutcome {
        var options = PlatformOptions()
        options.processGroupID = 0  // its own group, so a timeout kills its children too
        do {
            let result = try await run(
                .path(.init(executable)), arguments: ["--version"], platformOptions: options,
                input: .none, output: .sequence, error: .discarded
            ) { execution -> ProbeOutcome in
                await withTaskGroup(of: ProbeOutcome?.self) { group in
                    group.addTask {
                        var first: String?
                        do {
                            // Read to the end (keeping the first line) so the process
                            // never blocks on a full pipe.
                            for try await line in execution.standardOutput.strings() where first == nil {
                                first = versionLine(line)
                            }
                        } catch {
                            return .failed
                        }
                        return .finished(first)
                    }
                    group.addTask {
                        do { try await Task.sleep(for: timeout) } catch { return nil }
                        try? execution.send(signal: .kill, toProcessGroup: true)
                        return .timedOut
                    }
                    // Whichever ends first stops the other; a kill by the timer wins even
                    // when the reader (which then sees end of file) is reported first.
                    var outcome: ProbeOutcome = .failed
                    var timedOut = false
                    while let result = await group.next() {
                        group.cancelAll()
                        switch result {
                        case .timedOut?: timedOut = true
                        case let other?: outcome = other
                        case nil: break
                        }
                    }
                    return timedOut ? .timedOut : outcome
                }
            }
            guard case .finished = result.closureResult else { return result.closureResult }
            guard case .exited(0) = result.terminationStatus else { return .finished(nil) }
            return result.closureResult
        } catch {
            return .failed  // could not start it (e.g. a busy or broken file): try next time
        }
    }

    /// A printable first line: trimmed, control characters dropped, at most 80 characters.
    static func versionLine(_ raw: String) -> String? {
        let clean = TerminalText.oneLine(raw, limit: 80)
        return clean.isEmpty ? nil : clean
    }
}

/// Version probe results kept between starts: resolved executable path → its
/// modification time and the version it reported.
struct ProbeCache: Codable {
    struct Entry: Codable {
        var mtime: Double
        var version: String?
    }

    /// An executable's identity for the cache: its resolved path and modification time.
    struct Stamp: Sendable, Equatable {
        var path: String
        var mtime: Double
    }

    var probes: [String: Entry] = [:]

    /// `.some(version)` when `stamp` was probed before (version may be nil), else nil.
    func lookup(_ stamp: Stamp) -> String?? {
        guard let entry = probes[stamp.path], entry.mtime == stamp.mtime else { return nil }
        return .some(entry.version)
    }

    mutating func store(_ stamp: Stamp, version: String?) {
        probes[stamp.path] = Entry(mtime: stamp.mtime, version: version)
    }

    /// The stamp of `path`, following symlinks (npm installs link into node_modules).
    static func stamp(of path: String) -> Stamp {
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        let attributes = try? FileManager.default.attributesOfItem(atPath: target)
        let date = attributes?[.modificationDate] as? Date
        return Stamp(path: target, mtime: date?.timeIntervalSince1970 ?? 0)
    }

    /// The cache in `file`, or an empty one when it is missing or unreadable.
    static func load(_ file: String) -> ProbeCache {
        guard let data = FileManager.default.contents(atPath: file),
            let cache = try? JSONDecoder().decode(ProbeCache.self, from: data)
        else {
            return ProbeCache()
        }
        return cache
    }

    /// Writes the cache atomically; a failure only costs a probe next time.
    func save(to file: String) {
        let url = URL(fileURLWithPath: file)
        try? FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        guard let data = try? encoder.encode(self) else { return }
        try? data.write(to: url, options: .atomic)
    }
}
