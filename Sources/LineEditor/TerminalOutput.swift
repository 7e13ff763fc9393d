@preconcurrency import CEditLine
@preconcurrency import Glibc

/// Unbuffered writes to stdout that keep order with buffered `print` output.
enum TerminalOutput {
    /// Flushes C stdio's stdout, then writes `text` to fd 1 completely.
    static func write(_ text: String) {
        cel_flush_stdout()  // stdout only (see shim.h)
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { buffer in
                Glibc.write(1, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if n > 0 { offset += n } else if n < 0 && (errno == EINTR || errno == EAGAIN) { continue } else { break }
        }
    }

    /// Text for a terminal in raw mode: every "\n" becomes "\r\n".
    static func rawNewlines(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "\n" { out.append("\r") }
            out.append(scalar)
        }
        return String(out)
    }
}
