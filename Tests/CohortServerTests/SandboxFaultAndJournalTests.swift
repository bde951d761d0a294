import AsyncHTTPClient
import CohortCore
import CohortServer
import Foundation
import NIOCore
import NIOHTTP1
import Testing

/// Fault rules, `Prefer: code=` and the request journal over HTTP.
@Suite struct SandboxFaultAndJournalTests {
    static let admin = String??.some(SandboxClockTests.admin)

    static func addFault(_ server: TestServer, _ json: String) async throws -> JSON {
        let response = try await server.request(.POST, "/_cohort/faults", json: json, token: admin)
        try #require(response.status == 201, "adding \(json): \(response.text)")
        return try response.json
    }

    @Test func aRuleByOperationAnswersItsStatusInTheEnvelopeUntilItsCountRunsOut() async throws {
        try await withServer(configure: SandboxClockTests.sandboxed) { server in
            let workspace = try await server.firstWorkspaceID()
            let rule = try await Self.addFault(server, #"{"operation_id": "get-participant-groups", "status": 503, "count": 2}"#)
            let id = try #require(rule["id"]?.string)
            #expect(rule["remaining"]?.int == 2)
            let list = "/api/v1/participant-groups/?workspace_id=\(workspace)"
            for _ in 0..<2 {
                let faulted = try await server.request(.GET, list)
                #expect(faulted.status == 503)
                #expect(faulted.error?["error_code"]?.int == 50301)
            }
            #expect(try await server.request(.GET, list).status == 200)
            // Other operations were never affected, and the spent rule is gone.
            #expect(try await server.request(.GET, "/api/v1/users/me/").status == 200)
            #expect(try await server.request(.GET, "/_cohort/faults", token: Self.admin).json["results"]?.array?.isEmpty == true)
            #expect(try await server.request(.DELETE, "/_cohort/faults/\(id)", token: Self.admin).status == 404)
        }
    }

    @Test func a429ComesWithRetryAfterAndAPathRuleMatchesItsMethodOnly() async throws {
        try await withServer(configure: SandboxClockTests.sandboxed) { server in
            let rule = try await Self.addFault(server, #"{"path": "/api/v1/participant-groups/**", "method": "POST", "status": 429}"#)
            let limited = try await server.request(.POST, "/api/v1/participant-groups/", json: #"{"name": "x"}"#)
            #expect(limited.status == 429)
            #expect(limited.headers.first(name: "Retry-After") == "1")
            #expect(limited.error?["error_code"]?.int == 42901)
            let workspace = try await server.firstWorkspaceID()
            #expect(try await server.request(.GET, "/api/v1/participant-groups/?workspace_id=\(workspace)").status == 200)
            let listed = try await server.request(.GET, "/_cohort/faults", token: Self.admin).json["results"]
            #expect(listed?[0]?["fired"]?.int == 1)
            let removed = try await server.request(.DELETE, "/_cohort/faults/\(try #require(rule["id"]?.string))", token: Self.admin)
            #expect(removed.status == 204)
            #expect(try await server.request(.POST, "/api/v1/participant-groups/", json: #"{"name": "x"}"#).status == 400)
        }
    }

    @Test func aDroppedConnectionGetsNoAnswerAndALatencyDelaysIt() async throws {
        try await withServer(configure: SandboxClockTests.sandboxed) { server in
            _ = try await Self.addFault(server, #"{"path": "/api/v1/users/me/", "drop": true, "count": 1}"#)
            await #expect(throws: (any Error).self) { _ = try await server.request(.GET, "/api/v1/users/me/") }
            #expect(try await server.request(.GET, "/api/v1/users/me/").status == 200)
            let dropped = try await server.request(.GET, "/_cohort/requests?path=/api/v1/users/me/", token: Self.admin).json
            #expect(dropped["results"]?[0]?["status"]?.int == 0, "a dropped connection is journaled with status 0")

            _ = try await Self.addFault(server, #"{"path": "/api/v1/workspaces/", "latency_ms": 300, "count": 1}"#)
            #expect(try await server.request(.GET, "/api/v1/workspaces/").status == 200)
            let entry = try await server.request(.GET, "/_cohort/requests?path=/api/v1/workspaces/", token: Self.admin).json
            let duration = try #require(entry["results"]?[0]?["duration_ms"])
            #expect((duration.number ?? 0) >= 300, "the latency was not added: \(duration)")
            #expect(entry["results"]?[0]?["fault"]?.string != nil)
        }
    }

    @Test func malformedRulesAreRefusedAndAddNothing() async throws {
        try await withServer(configure: SandboxClockTests.sandboxed) { server in
            for body in [
                #"{"operation_id": "no-such-operation", "status": 500}"#, #"{"path": "/x"}"#,
                #"{"path": "/x", "status": 200}"#, #"{"path": "/x", "status": 500, "probability": 2}"#,
            ] {
                let response = try await server.request(.POST, "/_cohort/faults", json: body, token: Self.admin)
                #expect(response.status == 400, "\(body): \(response.text)")
                #expect(response.error != nil)
            }
            #expect(try await server.request(.GET, "/_cohort/faults", token: Self.admin).json["results"]?.array?.isEmpty == true)
        }
    }

    @Test func preferCodeAsksForAStatusInTheSandboxOnly() async throws {
        try await withServer(configure: SandboxClockTests.sandboxed) { server in
            let asked = try await server.request(.GET, "/api/v1/users/me/", headers: [("Prefer", "code=503")])
            #expect(asked.status == 503)
            #expect(asked.error?["error_code"]?.int == 50301)
            let teapot = try await server.request(.GET, "/api/v1/users/me/", headers: [("Prefer", "return=minimal, code=418")])
            #expect(teapot.status == 418)
            #expect(teapot.error?["error_code"]?.int == 41899)
        }
        try await withServer { server in
            let ignored = try await server.request(.GET, "/api/v1/users/me/", headers: [("Prefer", "code=503")])
            #expect(ignored.status == 200)
        }
    }

    @Test func theJournalRecordsRequestsFiltersThemAndNeverHoldsAToken() async throws {
        try await withServer(configure: SandboxClockTests.sandboxed) { server in
            let me = try await server.request(.GET, "/api/v1/users/me/").json
            _ = try await server.createGroup(name: "Journaled", members: [participant(1)])
            #expect(try await server.request(.GET, "/api/v1/users/me/", token: .some("wrong-token-in-the-header")).status == 401)
            #expect(try await server.request(.GET, "/api/v1/workspaces/?search=Token%20leaked-in-query").status == 200)
            _ = try await server.request(.GET, "/_cohort/clock", token: Self.admin)

            let journal = try await server.request(.GET, "/_cohort/requests", token: Self.admin)
            #expect(journal.status == 200)
            let entries = try #require(try journal.json["results"]?.array)
            #expect(entries.map { $0["path"]?.string ?? "" }.allSatisfy { !$0.hasPrefix("/_cohort") }, "sandbox calls are not journaled")
            let created = try #require(entries.first { $0["method"]?.string == "POST" })
            #expect(created["status"]?.int == 201)
            #expect(created["path"]?.string == "/api/v1/participant-groups/")
            #expect(created["body"]?.string?.contains("Journaled") == true)
            #expect(created["researcher_id"]?.string == me["id"]?.string)
            let refused = try #require(entries.first { $0["status"]?.int == 401 })
            #expect(refused["researcher_id"] == nil)
            for secret in [server.token, "wrong-token-in-the-header", "leaked-in-query", SandboxClockTests.admin] {
                #expect(!journal.text.contains(secret), "the journal holds \(secret)")
            }

            let posts = try await server.request(.GET, "/_cohort/requests?method=POST&status=201", token: Self.admin).json
            #expect(posts["results"]?.array?.count == 1)
            let since = try await server.request(.GET, "/_cohort/requests?since=2100-01-01T00:00:00Z", token: Self.admin).json
            #expect(since["results"]?.array?.isEmpty == true)
            let bad = try await server.request(.GET, "/_cohort/requests?since=yesterday", token: Self.admin)
            #expect(bad.status == 400)

            #expect(try await server.request(.POST, "/_cohort/reset", token: Self.admin).status == 204)
            let afterReset = try await server.request(.GET, "/_cohort/requests", token: Self.admin).json
            #expect(afterReset["results"]?.array?.isEmpty == true)
        }
    }

    @Test func theJournalKeepsTheLastJournalSizeRequests() async throws {
        try await withServer(configure: { configuration in
            configuration.sandbox = .init(adminToken: SandboxClockTests.admin, journalSize: 3)
        }) { server in
            for _ in 0..<5 { _ = try await server.request(.GET, "/api/v1/users/me/") }
            _ = try await server.request(.GET, "/api/v1/workspaces/")
            let entries = try await server.request(.GET, "/_cohort/requests", token: Self.admin).json["results"]?.array
            #expect(entries?.count == 3)
            #expect(entries?.last?["path"]?.string == "/api/v1/workspaces/")
        }
    }

    @Test func aJournalSizeOfZeroKeepsNothingAndFaultsStillApply() async throws {
        try await withServer(configure: { configuration in
            configuration.sandbox = .init(adminToken: SandboxClockTests.admin, journalSize: 0)
        }) { server in
            _ = try await Self.addFault(server, #"{"path": "/api/v1/workspaces/", "status": 502, "count": 1}"#)
            #expect(try await server.request(.GET, "/api/v1/workspaces/").status == 502)
            #expect(try await server.request(.GET, "/api/v1/users/me/").status == 200)
            let entries = try await server.request(.GET, "/_cohort/requests", token: Self.admin).json["results"]?.array
            #expect(entries?.isEmpty == true)
        }
    }

    @Test func aResetRemovesEveryFaultRule() async throws {
        try await withServer(configure: SandboxClockTests.sandboxed) { server in
            _ = try await Self.addFault(server, #"{"path": "/api/v1/**", "status": 500}"#)
            #expect(try await server.request(.GET, "/api/v1/users/me/").status == 500)
            #expect(try await server.request(.POST, "/_cohort/reset", token: Self.admin).status == 204)
            #expect(try await server.request(.GET, "/api/v1/users/me/").status == 200)
        }
    }
}
