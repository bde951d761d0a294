import CohortCore
import CohortServer
import Foundation
import NIOHTTP1
import Testing

/// Reset, seed and export over HTTP, on the store the suite runs on (SQLite, or PostgreSQL with
/// `COHORT_TEST_SERVER_STORE=postgres`): what a test suite driving a sandbox relies on.
@Suite struct SandboxStateTests {
    static let admin = String??.some(SandboxClockTests.admin)

    /// The repository's example state file.
    static var exampleSeed: String {
        get throws {
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent()
            return try String(contentsOf: root.appendingPathComponent("docs/seed.example.json"), encoding: .utf8)
        }
    }

    static func export(_ server: TestServer) async throws -> String {
        let response = try await server.request(.GET, "/_cohort/export", token: admin)
        try #require(response.status == 200, "export: \(response.text)")
        return response.text
    }

    @Test func aResetRestoresExactlyTheStartUpState() async throws {
        try await withServer(configure: SandboxClockTests.sandboxed) { server in
            let atStart = try await Self.export(server)
            let workspace = try await server.firstWorkspaceID()
            let group = try #require(try await server.createGroup(members: [participant(1), participant(2)])["id"]?.string)
            let created = try await server.request(.POST, "/api/v1/workspaces/", json: #"{"title": "Another"}"#)
            #expect(created.status == 201)
            let other = try await server.addResearcher(email: "later@example.org")
            #expect(try await server.request(.GET, "/api/v1/users/me/", token: .some(other)).status == 200)
            #expect(try await Self.export(server) != atStart)

            let reset = try await server.request(.POST, "/_cohort/reset", token: Self.admin)
            #expect(reset.status == 204, "\(reset.text)")
            #expect(try await Self.export(server) == atStart)
            // Read back through the public API: the start-up researcher, token and workspace,
            // nothing made since.
            let groups = try await server.request(.GET, "/api/v1/participant-groups/?workspace_id=\(workspace)").json
            #expect(groups["results"]?.array?.isEmpty == true)
            #expect(try await server.request(.GET, "/api/v1/participant-groups/\(group)/").status == 404)
            #expect(try await server.request(.GET, "/api/v1/workspaces/").json["meta"]?["count"]?.int == 1)
            #expect(try await server.firstWorkspaceID() == workspace)
            #expect(try await server.request(.GET, "/api/v1/users/me/", token: .some(other)).status == 401)
            // A reset is repeatable.
            #expect(try await server.request(.POST, "/_cohort/reset", token: Self.admin).status == 204)
            #expect(try await Self.export(server) == atStart)
        }
    }

    @Test func aSeededStateExportsAndRoundTripsByteForByte() async throws {
        try await withServer(configure: SandboxClockTests.sandboxed) { server in
            let seeded = try await server.request(.POST, "/_cohort/seed", json: try Self.exampleSeed, token: Self.admin)
            #expect(seeded.status == 204, "\(seeded.text)")
            // The seed's own token in clear works; the start-up researcher is gone.
            let me = try await server.request(.GET, "/api/v1/users/me/", token: .some("example-token-ada"))
            #expect(try me.json["email"]?.string == "ada@example.org")
            #expect(try await server.request(.GET, "/api/v1/users/me/").status == 401)
            let group = try await server.request(
                .GET, "/api/v1/participant-groups/64a000000000000000000041/", token: .some("example-token-ada")).json
            #expect(group["participant_count"]?.int == 2)
            let members = try await server.request(
                .GET, "/api/v1/participant-groups/64a000000000000000000041/participants/", token: .some("example-token-ada")).json
            #expect(members["results"]?[0]?["datetime_created"]?.string == "2026-01-06T11:00:00Z")
            // The seed's wallet; a study published from it holds part of it, and both are exported.
            let ada = String??.some("example-token-ada")
            let balance = "/api/v1/workspaces/64a000000000000000000021/balance/"
            #expect(try await server.request(.GET, balance, token: ada).json["total_balance"]?.int == 50_000)
            let project = try #require(try await server.request(.GET, "/api/v1/workspaces/64a000000000000000000021/projects/", token: ada).json["results"]?[0]?["id"]?.string)
            let study = try await server.request(.POST, "/api/v1/studies/", json: studyBody(project: project), token: ada)
            let studyID = try #require(try study.json["id"]?.string, "\(study.text)")
            #expect(try await server.request(.POST, "/api/v1/studies/\(studyID)/transition/", json: #"{"action": "PUBLISH"}"#, token: ada).status == 200)
            #expect(try await server.request(.GET, balance, token: ada).json["available_balance"]?.int == 50_000 - 1400)

            let exported = try await Self.export(server)
            let wallets = try JSON(parsing: Data(exported.utf8))["wallets"]
            #expect(wallets?[0]?["reserved_balance"]?.int == 1400, "\(exported)")
            #expect(exported.contains(studyID))
            #expect(!exported.contains("example-token-ada"), "an export never holds a token in clear")
            #expect(exported.contains(APIToken("example-token-ada").digest.hex))
            let file = try JSON(parsing: Data(exported.utf8))
            #expect(file["researchers"]?.array?.count == 2)

            #expect(try await server.request(.POST, "/_cohort/reset", token: Self.admin).status == 204)
            let again = try await server.request(.POST, "/_cohort/seed", json: exported, token: Self.admin)
            #expect(again.status == 204, "\(again.text)")
            #expect(try await Self.export(server) == exported)
            #expect(try await server.request(.GET, "/api/v1/users/me/", token: .some("example-token-alan")).status == 200)
        }
    }

    @Test func aMalformedSeedIsRefusedNamingWhatIsWrongAndChangesNothing() async throws {
        try await withServer(configure: SandboxClockTests.sandboxed) { server in
            let before = try await Self.export(server)
            let cases: [(String, String)] = [
                (#"{"researchers": [{"id": "64a000000000000000000011", "email": "a@example.org", "name": "A", "organisation_id": "64a000000000000000000099"}]}"#,
                 "researchers[0].organisation_id"),
                (#"{"organisations": [{"id": "nope", "name": "Lab"}]}"#, "organisations[0].id"),
                (#"{"organisations": [{"id": "64a000000000000000000001", "name": "Lab", "colour": "red"}]}"#, "colour"),
                (#"{"format_version": 2}"#, "format_version"),
                (#"{"participant_groups": [{"id": "64a000000000000000000041", "name": "G"}]}"#, "participant_groups[0]"),
                (#"{"organisations": "#, "not valid JSON"),
            ]
            for (body, named) in cases {
                let response = try await server.request(.POST, "/_cohort/seed", json: body, token: Self.admin)
                #expect(response.status == 400, "\(body): \(response.text)")
                #expect(response.error != nil, "\(body): \(response.text)")
                #expect(response.text.contains(named), "\(body) should name \(named): \(response.text)")
            }
            let notJSON = try await server.request(.POST, "/_cohort/seed", body: "x", contentType: "text/plain", token: Self.admin)
            #expect(notJSON.status == 415)
            #expect(try await Self.export(server) == before)
            #expect(try await server.request(.GET, "/api/v1/users/me/").status == 200)
        }
    }
}
