import BatonAgents
import BatonCore
import Foundation

extension SessionController {
    /// The stall report of an ACP turn, as ``TurnMonitor`` gives the other turns: when
    /// neither the agent nor Baton has written a line on the connection for the stall time,
    /// `runStalled` is recorded — once per quiet stretch. An agent waiting on a permission
    /// the user has not answered is not stalled (nor is one waiting on its ask_human call:
    /// reduce knows).
    func watchAcpStall(_ task: String, process: SpawnedProcess, connection: AcpConnection) async {
        let clock = context.clock
        let stallAfter = context.options.stallAfter
        let seconds = Int(stallAfter)
        let minutes = max(1, (seconds + 59) / 60)
        // Checked a few times per stall window (at most once a second, at least every 50 ms).
        let step = Duration.milliseconds(Int(min(1000, max(50, stallAfter * 250))))
        var reportedFor: Date?
        while acpRuns[task]?.process == process {
            do { try await clock.sleep(for: step) } catch { return }
            guard let run = acpRuns[task], run.process == process, run.pendingPermissions.isEmpty else { continue }
            let last = await connection.lastActivity
            guard last != reportedFor, clock.now().timeIntervalSince(last) >= stallAfter else { continue }
            reportedFor = last
            await recordQuietly(.runStalled(task: task, minutes: minutes, seconds: seconds))
        }
    }
}
