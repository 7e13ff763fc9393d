import BatonCore
import Foundation
import Testing

@testable import BatonWorkspace

@Suite struct ScopePathTests {
    @Test func validateRejectsUnsafePaths() {
        #expect(ScopePath.validate("") != nil)
        #expect(ScopePath.validate("   ") != nil)
        #expect(ScopePath.validate("/etc/passwd")?.contains("absolute") == true)
        #expect(ScopePath.validate("~/notes")?.contains("absolute") == true)
        #expect(ScopePath.validate("C:\\x")?.contains("absolute") == true)
        #expect(ScopePath.validate("../other")?.contains("..") == true)
        #expect(ScopePath.validate("Sources/../../x") != nil)
        #expect(ScopePath.validate("a\u{0}b") != nil)
        #expect(ScopePath.validate("Sources/API/Verify*") == nil)
        #expect(ScopePath.validate("Sources/..hidden/x") == nil)
        #expect(ScopePath.validate("README.md") == nil)
    }

    @Test func resolvesInsideFollowsSymlinks() async throws {
        let repo = try await TestRepo.make()
        defer { repo.remove() }
        let workspace = try await repo.workspace()
        let outside = repo.path + "-outside"
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: outside) }
        try FileManager.default.createDirectory(atPath: repo.path + "/Sources", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: repo.path + "/escape", withDestinationPath: outside)
        try FileManager.default.createSymbolicLink(atPath: repo.path + "/Sources/up", withDestinationPath: "../..")
        try FileManager.default.createSymbolicLink(atPath: repo.path + "/Sources/dangling", withDestinationPath: "/nonexistent/place")
        try FileManager.default.createSymbolicLink(atPath: repo.path + "/alias", withDestinationPath: "Sources")
        try FileManager.default.createSymbolicLink(atPath: repo.path + "/loop", withDestinationPath: "loop")

        #expect(workspace.resolvesInside("README.md"))
        #expect(workspace.resolvesInside("Sources/New/Thing.swift"))
        #expect(workspace.resolvesInside("alias/File.swift"))
        #expect(workspace.resolvesInside("escape/file") == false)
        #expect(workspace.resolvesInside("escape") == false)
        #expect(workspace.resolvesInside("Sources/up/x") == false)
        #expect(workspace.resolvesInside("Sources/dangling") == false)
        #expect(workspace.resolvesInside("loop/x") == false)
        #expect(workspace.resolvesInside("../x") == false)
        #expect(workspace.resolvesInside("/etc") == false)
    }
}
