import Foundation
import Testing

/// The endpoints outside `/api/v1`: health and the OpenAPI document.
@Suite struct ServiceEndpointTests {
    @Test func healthAnswersWithoutAToken() async throws {
        try await withServer { server in
            let response = try await server.request(.GET, "/health", token: .some(nil))
            #expect(response.status == 200)
            #expect(try response.json == .object(["status": .string("ok")]))
        }
    }

    @Test func livenessAnswersWithoutATokenOrTheDatabase() async throws {
        try await withServer { server in
            let response = try await server.request(.GET, "/health/live", token: .some(nil))
            #expect(response.status == 200)
            #expect(try response.json == .object(["status": .string("ok")]))
        }
    }

    @Test func theServedOpenAPIDocumentIsTheOneTheServerWasGeneratedFrom() async throws {
        try await withServer { server in
            let response = try await server.request(.GET, "/openapi.yaml", token: .some(nil))
            #expect(response.status == 200)
            #expect(response.headers.first(name: "Content-Type")?.hasPrefix("application/yaml") == true)
            let repositoryFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("../../Sources/CohortAPI/openapi.yaml")
            #expect(response.body == (try Data(contentsOf: repositoryFile)))
            #expect(response.text.hasPrefix("openapi: 3.1.0"))
            #expect(response.text.contains("/api/v1/participant-groups/{id}/participants/:"))
        }
    }
}

/// `Expect: 100-continue`, which curl sends with large bodies and then waits for.
@Suite struct ExpectContinueTests {
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/curl"), "curl is not installed"))
    func theServerInvitesTheBodyAtOnce() async throws {
        try await withServer { server in
            let group = try #require(try await server.createGroup()["id"]?.string)
            let url = "\(server.baseURL)/api/v1/participant-groups/\(group)/participants/"
            let body = #"{"participant_ids": ["\#(participant(1))"]}"#
            let text = try await Self.curl(["-H", "Authorization: Token \(server.token)", "--data-binary", body, url])
            #expect(text.contains("< HTTP/1.1 100 Continue"), "\(text)")
            #expect(text.contains("< HTTP/1.1 200 OK"), "\(text)")
            #expect(try await server.memberIDs(of: group) == [participant(1)])
        }
    }

    /// Without a token the 401 comes before the body is sent: no `100 Continue` invites it.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/curl"), "curl is not installed"))
    func aRequestWithoutATokenIsNotInvitedToSendItsBody() async throws {
        try await withServer { server in
            let group = try #require(try await server.createGroup()["id"]?.string)
            let url = "\(server.baseURL)/api/v1/participant-groups/\(group)/participants/"
            let body = #"{"participant_ids": ["\#(participant(1))"]}"#
            let text = try await Self.curl(["--data-binary", body, url])
            #expect(!text.contains("100 Continue"), "\(text)")
            #expect(text.contains("< HTTP/1.1 401 Unauthorized"), "\(text)")
            #expect(try await server.memberIDs(of: group) == [])
        }
    }

    /// `curl -sv` with `Expect: 100-continue`, returning its verbose trace.
    private static func curl(_ arguments: [String]) async throws -> String {
        // Output to a file, and waiting by polling: a blocking read here would hold one of the
        // few threads the in-process server needs to answer curl.
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("curl-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let process = try ChildProcess(
            "/usr/bin/curl",
            ["-sv", "-o", "/dev/null", "-H", "Content-Type: application/json", "-H", "Expect: 100-continue"] + arguments,
            environment: ProcessInfo.processInfo.environment, stderr: log.path)
        _ = try await process.waitForExit()
        return try String(contentsOf: log, encoding: .utf8)
    }
}
