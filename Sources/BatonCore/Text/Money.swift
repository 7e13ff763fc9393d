/// How Baton writes money and durations: `$0.31`, `52s`, `6m40s`, `1h03m`.
public enum Money {
    public static func format(_ usd: Double) -> String {
        let cents = Int((usd * 100).rounded())
        let frac = cents % 100
        return "$\(cents / 100).\(frac < 10 ? "0" : "")\(frac)"
    }
}

public enum Elapsed {
    /// `52s`, `6m40s`, `1h03m`.
    public static func format(seconds: Double) -> String {
        let s = max(0, Int(seconds))
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m\(pad(s % 60))s" }
        return "\(s / 3600)h\(pad((s % 3600) / 60))m"
    }

    private static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}

public enum Tokens {
    /// `980 tok`, `18.2k tok`, `1.2M tok`.
    public static func format(_ n: Int) -> String {
        if n < 1000 { return "\(n)" }
        if n < 1_000_000 { return oneDecimal(Double(n) / 1000) + "k" }
        return oneDecimal(Double(n) / 1_000_000) + "M"
    }

    /// `18.0k tok + 20.0k cached` (cache reads apart, so agents' figures compare); just
    /// `18.0k tok` without any.
    public static func describe(_ n: Int, cached: Int?) -> String {
        let main = "\(format(n)) tok"
        guard let cached, cached > 0 else { return main }
        return "\(main) + \(format(cached)) cached"
    }

    static func oneDecimal(_ x: Double) -> String {
        let tenths = Int((x * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
