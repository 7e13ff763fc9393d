import BatonCore
import Foundation

extension SessionController {
    /// Carries out ``Effect/proposePlan(mission:feedback:)``: runs the planner and records
    /// `planProposed`, or `plannerFailed` when it could give no new plan.
    func proposePlan(mission: String, feedback: String?) async {
        let service = PlanningService(context: context, scratchDirectory: runFiles.directory)
        let decisions = state.decisions.compactMap { d in d.answer.map { "- \(d.question): \($0)" } }.joined(separator: "\n")
        let current = state.plan.isEmpty ? nil : state.plan
        let proposal = await service.propose(mission: mission, feedback: feedback, current: current, decisions: decisions)
        if proposal.tasks == state.plan.tasks, let note = proposal.note {
            await recordQuietly(.plannerFailed(planner: proposal.planner, reason: note))
            return
        }
        await recordQuietly(.planProposed(planner: proposal.planner, tasks: proposal.tasks, costUSD: proposal.costUSD, note: proposal.note))
    }

    /// The planner a proposal will ask (`offline`, `claude`, an endpoint, ...).
    public nonisolated var plannerName: String {
        PlanningService(context: context, scratchDirectory: "").plannerName()
    }
}
