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
