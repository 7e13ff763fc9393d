import Foundation

extension SessionController {
    /// The environment a task's agent, setup and checks run with: Baton's own, plus
    /// `BATON_PORT` and `PORT` (the first port of the task's free block, `BATON_PORTS` the
    /// whole block), `BATON_TASK`, `BATON_SESSION` and `BATON_WORKTREE`.
    func taskEnvironment(_ task: String, worktree: String) -> [String: String] {
        let blocks = PortBlocks.shared
        let port = blocks.block(session: id, task: task)
        var environment = ProcessInfo.processInfo.environment
        environment["BATON_PORT"] = String(port)
        environment["PORT"] = String(port)
        environment["BATON_PORTS"] = "\(port)-\(port + blocks.size - 1)"
        environment["BATON_TASK"] = task
        environment["BATON_SESSION"] = id
        environment["BATON_WORKTREE"] = worktree
        return environment
    }
}
