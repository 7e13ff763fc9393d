import Foundation

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// Session files are private to the user: written 0600 (atomically, via a temporary file).
public enum PrivateFile {
    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path, durable: false)
    }

    /// Writes `data` to a temporary file beside `path` and renames it over `path`: a reader
    /// sees the old file or the new one, never half of one. `durable` fsyncs the file before
    /// the rename and the folder after it, so a power cut keeps one of the two as well.
    public static func write(_ data: Data, to path: String, durable: Bool) throws {
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw SessionStoreError.io("\(path): \(String(cString: strerror(errno)))") }
        var ok = data.withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += n
            }
            return true
        }
        if ok && durable { ok = fsync(fd) == 0 }
        close(fd)
        guard ok, rename(temporary, path) == 0 else {
            let why = String(cString: strerror(errno))
            unlink(temporary)
            throw SessionStoreError.io("\(path): \(why)")
        }
        if durable { syncFolder(of: path) }
    }

    /// fsyncs the folder holding `path` (makes a rename in it durable).
    static func syncFolder(of path: String) {
        let folder = (path as NSString).deletingLastPathComponent
        let fd = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }
}
