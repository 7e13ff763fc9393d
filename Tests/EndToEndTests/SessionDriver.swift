import BatonCore
import BatonTestSupport
import Foundation

/// Drives a live `baton` the way a patient user would: /wait, then answer every open
/// decision, /retry interrupted or failed tasks, /merge what waits in review — until every
/// task is merged. It reads the session's state from events.jsonl after each /wait.
final class SessionDriver: @unchecked Sendable {
    let baton: LiveBaton
    let repo: TestRepository
    /// Tasks retried, with the agent session id they had then (nil: a fresh session).
    private(set) var retried: [(task: String, agentSession: String?)] = []
    private(set) var answered: [String] = []

    init(_ baton: LiveBaton, repo: TestRepository) {
        self.baton = baton
        self.repo = repo
    }

    private func count(_ needle: String) -> Int { baton.text.components(separatedBy: needle).count - 1 }

    /// Sends /wait and waits for its answer (or for the process to end). False when it ended.
    func waitQuiet(seconds: Double = 120) async -> Bool {
        let before = count("nothing is running")
        baton.send("/wait")
        _ = await poll(seconds: seconds) { count("nothing is running") > before || !baton.process.isRunning }
        return baton.process.isRunning && count("nothing is running") > before
    }

    /// Runs until every task is merged; returns the final state (nil when baton ended first
    /// or the deadline passed).
    func driveToEnd(seconds: Double = 180) async -> SessionState? {
        let deadline = Date().addingTimeInterval(seconds)
        var nudges: [String: Int] = [:]
        while Date() < deadline {
            guard await waitQuiet() else { return nil }
            guard let state = SessionFile.state(repo), state.phase == .running else { return nil }
            if state.plan.tasks.allSatisfy({ state.status(of: $0.id) == .merged }) { return state }
            var acted = false
            for d in state.openDecisions {
                baton.send("/decide \(d.id) 1")
                answered.append(d.id)
                acted = true
            }
            for t in state.plan.tasks {
                let key = t.id
                switch state.status(of: t.id) {
                case .interrupted, .failed:
                    retried.append((t.id, state.progress[t.id]?.agentSessionID))
                    baton.send("/retry \(t.id)")
                    acted = true
                case .review where state.openDecisions.isEmpty:
                    baton.send("/merge \(t.id)")
                    acted = true
                case .paused:
                    baton.send("/continue \(t.id)")
                    acted = true
                default:
                    continue
                }
                nudges[key, default: 0] += 1
            }
            if !acted || nudges.values.contains(where: { $0 > 8 }) { return nil }
        }
        return nil
    }

    /// /quit, end of input, and the exit.
    func quit() async {
        baton.send("/quit")
        baton.close()
        if await baton.waitForExit(seconds: 60) == nil { baton.kill9() }
    }
}
