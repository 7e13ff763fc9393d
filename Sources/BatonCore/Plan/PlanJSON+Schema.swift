extension PlanJSON {
    /// The JSON Schema of a plan as planners answer it (the shape prompts/planner.md asks
    /// for): given to planner CLIs that validate structured output (claude `--json-schema`).
    public static let schema = #"""
        {"type":"object","additionalProperties":false,"required":["tasks"],"properties":{"tasks":{"type":"array","minItems":1,"items":{"type":"object","additionalProperties":false,"required":["id","title","kind","detail","scope","avoid","deps","acceptance"],"properties":{"id":{"type":"string","pattern":"^T[0-9]+$"},"title":{"type":"string","maxLength":200},"kind":{"type":"string","enum":["code","refactor","tests","docs","research","ops"]},"detail":{"type":"string"},"scope":{"type":"array","items":{"type":"string"}},"avoid":{"type":"array","items":{"type":"string"}},"deps":{"type":"array","items":{"type":"string"}},"acceptance":{"type":"array","items":{"type":"string"}}}}}}}
        """#
}
