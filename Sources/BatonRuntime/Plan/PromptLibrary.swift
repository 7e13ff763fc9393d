import BatonCore
import Foundation

/// The prompt templates: `<repo>/.baton/prompts/NAME.md` when present, else the built-in text.
public struct PromptLibrary: Sendable {
    public let overrideDirectory: String

    public init(repositoryRoot: String) {
        overrideDirectory = repositoryRoot + "/.baton/prompts"
    }

    /// The template named `name` (planner, worker, continue, summarize).
    public func template(_ name: String) -> String {
        if let text = try? String(contentsOfFile: "\(overrideDirectory)/\(name).md", encoding: .utf8) { return text }
        return BuiltinPrompts.text(named: name) ?? ""
    }

    public func render(_ name: String, _ values: [String: String]) -> String {
        PromptTemplate.render(template(name), values: values)
    }
}
