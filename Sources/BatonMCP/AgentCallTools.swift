import MCP

/// The tools Baton's MCP server offers an agent, with their input schemas.
enum AgentCallTools {
    static let all: [Tool] = [askHuman, getDecisions, noteDecision, reportProgress]

    static let askHuman = Tool(
        name: "ask_human",
        description:
            "Ask the user a question and wait for the answer, without ending your turn. Use it instead of ending your turn with a question. Give short options when the answer is a choice.",
        inputSchema: schema(
            [
                "question": string("The question, in one or two sentences."),
                "options": .object(["type": "array", "items": string("An option.")]),
            ],
            required: ["question"]))

    static let getDecisions = Tool(
        name: "get_decisions",
        description: "The session's decisions so far (questions with their answers, open ones, and notes). Check it before asking.",
        inputSchema: schema([:], required: []))

    static let noteDecision = Tool(
        name: "note_decision",
        description: "Record a decision you made that other tasks must follow (goes into DECISIONS.md and every brief).",
        inputSchema: schema(["text": string("The decision, in one sentence.")], required: ["text"]))

    static let reportProgress = Tool(
        name: "report_progress",
        description: "Tell the user what you have done and what you do next, without ending your turn.",
        inputSchema: schema(["summary": string("What is done, in one line."), "next": string("What you do next.")], required: ["summary"]))

    static func string(_ description: String) -> Value {
        .object(["type": "string", "description": .string(description)])
    }

    static func schema(_ properties: [String: Value], required: [String]) -> Value {
        .object(["type": "object", "properties": .object(properties), "required": .array(required.map { .string($0) })])
    }
}
