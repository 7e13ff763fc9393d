import Foundation
import Testing

@testable import BatonRuntime

#if canImport(Glibc)
    import Glibc
#endif

/// Each task gets its own free block of ports.
@Suite struct PortBlocksTests {
    @Test func tasksGetDifferentBlocksAndKeepThem() {
        let blocks = PortBlocks(size: 10, range: 30000...30999)
        let t1 = blocks.block(session: "s-1", task: "T1")
        let t2 = blocks.block(session: "s-1", task: "T2")
        let other = blocks.block(session: "s-2", task: "T1")
        #expect(Set([t1, t2, other]).count == 3)
        #expect(blocks.block(session: "s-1", task: "T1") == t1)
        for port in [t1, t2, other] {
            #expect((30000...30990).contains(port))
            #expect((port - 30000) % 10 == 0)
        }
    }

    @Test func aBlockWithAPortInUseIsSkipped() throws {
        let blocks = PortBlocks(size: 5, range: 31000...31999)
        let probe = PortBlocks(size: 5, range: 31000...31999)
        let first = probe.block(session: "s-x", task: "T1")  // where s-x starts looking
        // Hold a port in that block: the real allocator must go elsewhere.
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(first + 2).bigEndian)
        address.sin_addr = in_addr(s_addr: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(bound == 0)
        #expect(!PortBlocks.isFree(first + 2))
        let chosen = blocks.block(session: "s-x", task: "T1")
        #expect(chosen != first)
        #expect(!(chosen..<(chosen + 5)).contains(first + 2))
    }
}
