/// A model's price in US dollars per million tokens.
public struct ModelPrice: Equatable, Sendable {
    public var input: Double
    public var cachedInput: Double
    public var output: Double

    public init(input: Double, cachedInput: Double, output: Double) {
        self.input = input
        self.cachedInput = cachedInput
        self.output = output
    }

    /// The cost of these token counts (`input` without the cached part).
    public func cost(input: Int, cachedInput: Int, output: Int) -> Double {
        (Double(input) * self.input + Double(cachedInput) * self.cachedInput + Double(output) * self.output) / 1_000_000
    }
}

/// Prices of the models whose CLIs report tokens but no cost (codex): Baton estimates the
/// cost from them (shown with `~`, counted by `--budget-usd`). Built-in defaults, overridden
/// per model by `"prices"` in agents.json.
public struct PriceTable: Equatable, Sendable {
    /// When the built-in prices were taken from the vendors' price pages.
    public static let builtinDate = "2026-11-30"
    /// The model codex uses when the profile names none.
    public static let codexDefaultModel = "gpt-5-codex"

    /// Built-in prices (USD per million tokens), as of `builtinDate`.
    public static let builtin = PriceTable(prices: [
        "gpt-5": ModelPrice(input: 1.25, cachedInput: 0.125, output: 10),
        "gpt-5-codex": ModelPrice(input: 1.25, cachedInput: 0.125, output: 10),
        "gpt-5.1": ModelPrice(input: 1.25, cachedInput: 0.125, output: 10),
        "gpt-5.1-codex": ModelPrice(input: 1.25, cachedInput: 0.125, output: 10),
        "gpt-5.1-codex-max": ModelPrice(input: 1.25, cachedInput: 0.125, output: 10),
        "gpt-5-mini": ModelPrice(input: 0.25, cachedInput: 0.025, output: 2),
        "gpt-5.1-codex-mini": ModelPrice(input: 0.25, cachedInput: 0.025, output: 2),
        "gpt-4.1": ModelPrice(input: 2, cachedInput: 0.5, output: 8),
        "o3": ModelPrice(input: 2, cachedInput: 0.5, output: 8),
        "o4-mini": ModelPrice(input: 1.1, cachedInput: 0.275, output: 4.4),
    ])

    public var prices: [String: ModelPrice]
    /// Models whose price came from agents.json (for `/agents`).
    public var configured: Set<String> = []

    public init(prices: [String: ModelPrice], configured: Set<String> = []) {
        self.prices = prices
        self.configured = configured
    }

    /// The price of `model` (exact, then case-insensitive), nil when unknown.
    public func price(of model: String) -> ModelPrice? {
        prices[model] ?? prices.first { $0.key.lowercased() == model.lowercased() }?.value
    }

    /// This table with `overrides` (from a file) replacing whole models.
    public func merging(_ overrides: [String: ModelPrice]) -> PriceTable {
        var table = self
        for (model, price) in overrides {
            table.prices[model] = price
            table.configured.insert(model)
        }
        return table
    }
}
