import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A free block of TCP ports for each task, so dev servers of parallel tasks never collide:
/// the task's agent, setup and checks see the first port as `BATON_PORT` (and `PORT`).
/// A block is free when every port in it can be bound now and no other task of this process
/// holds it; a session starts looking at a place of its own (from its id), so two Baton
/// processes rarely even probe the same ports.
public final class PortBlocks: Sendable {
    /// The blocks every controller of this process shares.
    public static let shared = PortBlocks()

    public let size: Int
    public let range: ClosedRange<Int>
    private let assigned = Mutex<[String: Int]>([:])

    public init(size: Int = 10, range: ClosedRange<Int> = 20000...29999) {
        self.size = size
        self.range = range
    }

    /// The first port of the block of `task` in `session` (the same block every time it is asked).
    public func block(session: String, task: String) -> Int {
        let key = session + "/" + task
        return assigned.withLock { assigned in
            if let port = assigned[key] { return port }
            let count = (range.count / size)
            let start = Int(Self.stableHash(session) % UInt64(count))
            let taken = Set(assigned.values)
            for step in 0..<count {
                let first = range.lowerBound + ((start + step) % count) * size
                guard !taken.contains(first), (first..<(first + size)).allSatisfy(Self.isFree) else { continue }
                assigned[key] = first
                return first
            }
            // Everything is busy: still a block of our own, if not a bindable one.
            let first = range.lowerBound + ((start + assigned.count) % count) * size
            assigned[key] = first
            return first
        }
    }

    /// True when `port` can be bound on every interface now.
    static func isFree(_ port: Int) -> Bool {
        #if os(Linux)
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr = in_addr(s_addr: 0)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    /// FNV-1a: the same number for the same text in every process.
    static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}
