import BatonCore
import BatonTestSupport
import Foundation
import Testing

@testable import BatonAgents

/// A temporary directory of fake agent executables (shell scripts as test fixtures).
final class FakeBin {
    let root: String
    var bin: String { root + "/bin" }

    init() throws {
        root = NSTemporaryDirectory() + "baton-avail-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root + "/bin", withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    /// Writes an executable script `name` whose body runs after counting the call in
    /// `<bin>/<name>.count`.
    @discardableResult
    func script(_ name: String, _ body: String, executable: Bool = true) -> String {
        let path = bin + "/" + name
        let text = "#!/bin/sh\necho run >> \"$0.count\"\n\(body)\n"
        _ = FileManager.default.createFile(
            atPath: path, contents: Data(text.utf8),
            attributes: [.posixPermissions: executable ? 0o755 : 0o644]
        )
        return path
    }

    /// How many times `name` ran.
    func runs(_ name: String) -> Int {
        let text = (try? String(contentsOfFile: bin + "/" + name + ".count", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").count
    }

    func touch(_ name: String, secondsAhead: Double) throws {
        try FileManager.default.setAttributes(
            [.modificationDate: Date().addingTimeInterval(secondsAhead)], ofItemAtPath: bin + "/" + name
        )
    }
}

/// A probe timeout generous enough for a loaded machine, for tests not about timeouts.
let slow: Duration = .seconds(20)

@Suite struct AgentAvailabilityTests {
    @Test func findsFakesOnPathWithTheirVersion() async throws {
        let fake = try FakeBin()
        fake.script("claude", "echo '9.9.9 (Fake)'\necho 'second line'")
        fake.script("codex", "echo\necho '  codex-cli 1.2.3  '")
        fake.script("opencode", "echo 1.0", executable: false)  // not executable: missing
        fake.script("aider", "echo 'boom' ; exit 3")  // found, but no version
        let statuses = await AgentAvailability.detect(BuiltinProfiles.all, path: "/nonexistent:" + fake.bin, timeout: slow)

        #expect(statuses["claude"] == AgentStatus(available: true, executablePath: fake.bin + "/claude", version: "9.9.9 (Fake)"))
        #expect(statuses["codex"]?.version == "codex-cli 1.2.3")
        #expect(statuses["aider"] == AgentStatus(available: true, executablePath: fake.bin + "/aider", version: nil))
        #expect(statuses["gemini"] == AgentStatus(available: false))
        #expect(statuses["opencode"] == AgentStatus(available: false))
        #expect(statuses["human"] == AgentStatus(available: true))
        #expect(statuses.count == BuiltinProfiles.all.count)
    }

    @Test func commandAgentsAreFoundByArgv0() async throws {
        let fake = try FakeBin()
        let absolute = fake.script("mine", "echo 'mine 0.1'")
        let byName = AgentProfile(name: "mine", protocol: .command, command: ["mine", "{prompt}"])
        let byPath = AgentProfile(name: "mine-abs", protocol: .command, command: [absolute, "{prompt}"])
        let absent = AgentProfile(name: "other", protocol: .command, command: ["other", "{prompt}"])
        let statuses = await AgentAvailability.detect([byName, byPath, absent], path: fake.bin, timeout: slow)
        #expect(statuses["mine"]?.version == "mine 0.1")
        #expect(statuses["mine-abs"]?.executablePath == absolute)
        #expect(statuses["other"]?.available == false)
        #expect(fake.runs("mine") == 1)  // one probe per executable
    }

    @Test func hangingVersionProbeTimesOutAndIsKilled() async throws {
        let fake = try FakeBin()
        // Not exec'd: the sleep is a child that holds stdout open; the whole group must die.
        fake.script("gemini", "echo $$ > \"$0.pid\"\nsleep 600\necho never")
        let cache = fake.root + "/agents-cache.json"
        let clock = ContinuousClock()
        let start = clock.now
        let statuses = await AgentAvailability.detect(
            [BuiltinProfiles.gemini], path: fake.bin, cacheFile: cache
        )
        #expect(statuses["gemini"] == AgentStatus(available: true, executablePath: fake.bin + "/gemini", version: nil))
        #expect(clock.now - start >= .seconds(2), "it waited for the timeout")
        // The whole process group died, its sleeping child included (no orphan).
        let pid = try #require(
            Int32(
                (try? String(contentsOfFile: fake.bin + "/gemini.pid", encoding: .utf8))?
                    .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""))
        let gone = await poll(seconds: 60) { kill(-pid, 0) != 0 && errno == ESRCH }
        #expect(gone, "the probe's process group was killed")
        // A timeout is not cached: the next start tries again.
        let text = (try? String(contentsOfFile: cache, encoding: .utf8)) ?? ""
        #expect(!text.contains("gemini"))
    }

    @Test func cacheHitSkipsTheProbeUntilTheExecutableChanges() async throws {
        let fake = try FakeBin()
        fake.script("claude", "echo '9.9.9 (Fake)'")
        let cache = fake.root + "/.baton/agents-cache.json"
        let profiles = [BuiltinProfiles.claude]

        let first = await AgentAvailability.detect(profiles, path: fake.bin, cacheFile: cache, timeout: slow)
        #expect(fake.runs("claude") == 1)
        #expect(FileManager.default.fileExists(atPath: cache))

        let second = await AgentAvailability.detect(profiles, path: fake.bin, cacheFile: cache, timeout: slow)
        #expect(fake.runs("claude") == 1)  // answered from the cache
        #expect(second == first)
        #expect(second["claude"]?.version == "9.9.9 (Fake)")

        // An upgrade (new mtime) probes again.
        fake.script("claude", "echo '10.0.0 (Fake)'")
        try fake.touch("claude", secondsAhead: 30)
        let third = await AgentAvailability.detect(profiles, path: fake.bin, cacheFile: cache, timeout: slow)
        #expect(fake.runs("claude") == 2)
        #expect(third["claude"]?.version == "10.0.0 (Fake)")
    }

    @Test func failingProbeIsCachedButUnstartableIsNot() async throws {
        let fake = try FakeBin()
        fake.script("aider", "exit 3")  // answers, with an error: cached as "no version"
        let broken = fake.bin + "/codex"  // cannot start: bad interpreter, tried again later
        _ = FileManager.default.createFile(
            atPath: broken, contents: Data("#!/nonexistent/sh\n".utf8),
            attributes: [.posixPermissions: 0o755])
        let cache = fake.root + "/cache.json"
        let profiles = [BuiltinProfiles.aider, BuiltinProfiles.codex]
        for _ in 0..<2 {
            let statuses = await AgentAvailability.detect(profiles, path: fake.bin, cacheFile: cache, timeout: slow)
            #expect(statuses["aider"] == AgentStatus(available: true, executablePath: fake.bin + "/aider"))
            #expect(statuses["codex"] == AgentStatus(available: true, executablePath: broken))
        }
        #expect(fake.runs("aider") == 1)
        let text = try String(contentsOfFile: cache, encoding: .utf8)
        #expect(text.contains("/aider"))
        #expect(!text.contains("/codex"))
    }

    @Test func corruptCacheIsIgnored() async throws {
        let fake = try FakeBin()
        fake.script("codex", "echo 'codex 2'")
        let cache = fake.root + "/cache.json"
        try Data("{not json".utf8).write(to: URL(fileURLWithPath: cache))
        let statuses = await AgentAvailability.detect([BuiltinProfiles.codex], path: fake.bin, cacheFile: cache, timeout: slow)
        #expect(statuses["codex"]?.version == "codex 2")
        #expect(fake.runs("codex") == 1)
    }

    @Test func resolveNeedsAnExecutableFile() throws {
        let fake = try FakeBin()
        fake.script("a", "true")
        try FileManager.default.createDirectory(atPath: fake.bin + "/dir", withIntermediateDirectories: true)
        #expect(AgentAvailability.resolve("a", path: "::" + fake.bin) == fake.bin + "/a")
        #expect(AgentAvailability.resolve("dir", path: fake.bin) == nil)
        #expect(AgentAvailability.resolve("", path: fake.bin) == nil)
        #expect(AgentAvailability.resolve(fake.bin + "/a", path: "") == fake.bin + "/a")
    }
}

@Suite struct AgentRegistryTests {
    func registry(installed: [String]) -> AgentRegistry {
        var statuses: [String: AgentStatus] = [:]
        for name in installed { statuses[name] = AgentStatus(available: true, executablePath: "/x/\(name)", version: "1.0") }
        return AgentRegistry(profiles: BuiltinProfiles.all, statuses: statuses)
    }

    @Test func availableIsInstalledPlusHuman() {
        let r = registry(installed: ["codex", "gemini"])
        #expect(r.available.map(\.name) == ["codex", "gemini", "human"])
        #expect(r.isAvailable("human"))
        #expect(!r.isAvailable("claude"))
        #expect(!r.isAvailable("nobody"))
        // What the router gets: a deep refactor without claude goes elsewhere, never nowhere.
        let task = PlanTask(id: "T1", title: "Refactor the scheduler", kind: .refactor)
        #expect(Router.route(task: task, available: r.available).agent == "codex")
    }

    @Test func nearestNameForTypos() {
        let r = registry(installed: [])
        #expect(r.nearest(name: "claud") == "claude")
        #expect(r.nearest(name: "Codex") == "codex")
        #expect(r.nearest(name: "gem") == "gemini")
        #expect(r.nearest(name: "aidr") == "aider")
        #expect(r.nearest(name: "kubernetes") == nil)
        #expect(
            r.unknownAgentMessage("claud")
                == "unknown agent claud — did you mean claude? agents are claude codex gemini aider opencode human")
        #expect(r.unknownAgentMessage("zz") == "unknown agent zz — agents are claude codex gemini aider opencode human")
        #expect(r.profile(named: "CLAUDE")?.name == "claude")
    }

    @Test func notInstalledSaysHowToInstallAndWhatElse() {
        let r = registry(installed: ["claude"])
        #expect(
            r.notInstalledMessage("codex", task: "T2")
                == "codex is not installed — npm install -g @openai/codex, or /route T2 claude")
    }

    @Test func tableRows() {
        let r = registry(installed: ["claude"])
        let rows = r.table(runsInProgress: ["claude": 2])
        #expect(rows.count == BuiltinProfiles.all.count)
        #expect(rows.allSatisfy { $0.count == AgentRegistry.tableHeader.count })
        #expect(rows[0] == ["claude", "✓ available", "1.0", "code refactor research docs · depth breadth", "$$$", "medium", "2/3"])
        #expect(rows[1] == ["codex", "missing — npm install -g @openai/codex", "—", "code tests · well-scoped", "$$", "fast", "0/3"])
        #expect(rows[5][0...1] == ["human", "✓ always"])
    }

    @Test func loadReadsConfigAndDetects() async throws {
        let fake = try FakeBin()
        fake.script("mine", "echo 'mine 3.1'")
        fake.script("claude", "echo '2.0.0 (Claude Code)'")
        try FileManager.default.createDirectory(atPath: fake.root + "/.baton", withIntermediateDirectories: true)
        try Data(
            """
            {"agents": {
              "mine": {"command": ["mine", "--task", "{prompt_file}"], "strengths": ["tests"], "cost": 1},
              "claude": {"max_parallel": 1}
            }}
            """.utf8
        ).write(to: URL(fileURLWithPath: fake.root + "/.baton/agents.json"))
        let r = try await AgentRegistry.load(repositoryRoot: fake.root, path: fake.bin, timeout: slow, userConfig: nil)
        #expect(r.names == ["claude", "codex", "gemini", "aider", "opencode", "human", "mine"])
        #expect(r.available.map(\.name) == ["claude", "human", "mine"])
        #expect(r.profile(named: "claude")?.maxParallel == 1)
        #expect(r.statuses["mine"]?.version == "mine 3.1")
        #expect(FileManager.default.fileExists(atPath: fake.root + "/.baton/agents-cache.json"))
    }

    @Test func loadReportsAnInvalidConfig() async throws {
        let fake = try FakeBin()
        try FileManager.default.createDirectory(atPath: fake.root + "/.baton", withIntermediateDirectories: true)
        try Data("{\"agents\": {\n  \"codex\": {\"cost\": 7}}}".utf8)
            .write(to: URL(fileURLWithPath: fake.root + "/.baton/agents.json"))
        do {
            _ = try await AgentRegistry.load(repositoryRoot: fake.root, path: fake.bin, timeout: slow, userConfig: nil)
            Issue.record("expected an error")
        } catch {
            #expect(error.description == ".baton/agents.json:2: agents.codex.cost: must be 1, 2 or 3 (got 7)")
        }
    }

    @Test func noConfigMeansBuiltins() async throws {
        let fake = try FakeBin()
        let r = try await AgentRegistry.load(repositoryRoot: fake.root, path: fake.bin, timeout: slow, userConfig: nil)
        #expect(r.profiles == BuiltinProfiles.all)
        #expect(r.available.map(\.name) == ["human"])
    }
}
