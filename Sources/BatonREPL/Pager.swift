import BatonRuntime
import Foundation

/// Long output through $PAGER (default `less -R`) on a terminal.
enum Pager {
    /// Shows `text` in the pager; false when none could run (the caller prints instead).
    static func show(_ text: String) async -> Bool {
        await TerminalHost().page(text)
    }
}

extension Terminal {
    static func rows() -> Int {
        var ws = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_row > 0 { return Int(ws.ws_row) }
        return 24
    }
}
