/// A bad value given to `baton run` or `baton status` (an answers file, a policy): one line
/// that says what to fix.
struct RunOptionError: Error, Equatable, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
