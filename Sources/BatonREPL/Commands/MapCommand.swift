import ArgumentParser
import BatonCore
import Foundation

/// `/map [WORDS]`: what Baton knows about the repository — languages and sizes, build/test/lint
/// commands, layout — and the files, folders and recent commits the session's mission (or
/// the words given) names.
struct MapCommand: SlashCommand {
    static let configuration = CommandConfiguration(
        commandName: "map", abstract: "The repository map: languages, build/test/lint, layout, and what the mission names.")
    static let phase = CommandPhase.plan
    static let usage = "/map [WORDS]"
    static let example = "/map reports page"
    @Argument(parsing: .remaining) var words: [String] = []

    @MainActor func run(in c: Conversation) async throws {
        let given = words.joined(separator: " ").trimmingCharacters(in: .whitespaces)
        var mission = given
        if mission.isEmpty, c.controller != nil, let state = try? await c.state() { mission = state.mission ?? "" }
        guard let map = try await c.context.workspace.repositoryMap(mission: mission.isEmpty ? nil : mission) else {
            throw CommandError("the repository has no commit yet — commit something first, then /map")
        }
        c.say(TerminalText.sanitize(map.render(maxBytes: 6000)).split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }
}
