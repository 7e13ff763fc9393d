import BatonCore
import Foundation

extension SessionController {
    /// Baton's own environment, read once (each read parses all of it; a task start needs it).
    static let batonEnvironment = ProcessInfo.processInfo.environment

    /// The environment a task's agent, setup and checks run with: Baton's own, plus
    /// `BATON_PORT` and `PORT` (the first port of the task's free block, `BATON_PORTS` the
    /// whole block), `BATON_TASK`, `BATON_SESSION` and `BATON_WORKTREE`.
    func taskEnvironment(_ task: String, worktree: String) -> [String: String] {
        let blocks = PortBlocks.shared
        let port = blocks.block(session: id, task: task)
        var environment = Self.batonEnvironment
        environment["BATON_PORT"] = String(port)
        environment["PORT"] = String(port)
        environment["BATON_PORTS"] = "\(port)-\(port + blocks.size - 1)"
        environment["BATON_TASK"] = task
        environment["BATON_SESSION"] = id
        environment["BATON_WORKTREE"] = worktree
        return environment
    }

    /// With `"sparse": true`, the paths a task's worktree checks out: its scope plus the
    /// manifests the repository map found (`Package.swift`, `web/package.json`…); nil for a
    /// full checkout (sparse off, or a task without a scope).
    func sparsePaths(for task: String) async -> [String]? {
        guard context.registry.sparse, let scope = state.runTask(task)?.scope, !scope.isEmpty else { return nil }
        let map = try? await context.workspace.repositoryMap()
        return scope + (map?.checks.map(\.source) ?? []).filter { !scope.contains($0) }
    }
}
