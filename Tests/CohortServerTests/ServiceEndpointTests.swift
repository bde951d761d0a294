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
            let body = #"{"participant_ids": ["\#(participant(1))"]}"#
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
            process.arguments = [
                "-sv", "-o", "/dev/null", "-H", "Authorization: Token \(server.token)", "-H", "Content-Type: application/json",
                "-H", "Expect: 100-continue", "--data-binary", body,
                "\(server.baseURL)/api/v1/participant-groups/\(group)/participants/",
            ]
            // Output to a file, and waiting by polling: a blocking read here would hold one of the
            // few threads the in-process server needs to answer curl.
            let log = FileManager.default.temporaryDirectory.appendingPathComponent("curl-\(UUID().uuidString)")
            FileManager.default.createFile(atPath: log.path, contents: nil)
            defer { try? FileManager.default.removeItem(at: log) }
            process.standardError = try FileHandle(forWritingTo: log)
            try process.run()
            while process.isRunning { try await Task.sleep(for: .milliseconds(20)) }
            let text = try String(contentsOf: log, encoding: .utf8)
            #expect(text.contains("< HTTP/1.1 100 Continue"), "\(text)")
            #expect(text.contains("< HTTP/1.1 200 OK"), "\(text)")
            #expect(try await server.memberIDs(of: group) == [participant(1)])
        }
    }
}
