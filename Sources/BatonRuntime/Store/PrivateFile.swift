import Foundation

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// Session files are private to the user: written 0600 (atomically, via a temporary file).
public enum PrivateFile {
    public static func write(_ text: String, to path: String) throws {
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw SessionStoreError.io("\(path): \(String(cString: strerror(errno)))") }
        let data = Data(text.utf8)
        let ok = data.withUnsafeBytes { raw -> Bool in
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
        close(fd)
        guard ok, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw SessionStoreError.io("\(path): \(String(cString: strerror(errno)))")
        }
    }
}
