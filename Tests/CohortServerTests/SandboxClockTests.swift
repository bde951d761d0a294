import AsyncHTTPClient
import CohortCore
import CohortServer
import Foundation
import NIOHTTP1
import Testing

/// The sandbox's gate and its clock, over HTTP: `/_cohort/` exists only with `--sandbox`, takes
/// only the admin token, and the clock it serves is the one every write reads.
@Suite struct SandboxClockTests {
    static let admin = "admin-token-for-the-sandbox-tests"

    static func sandboxed(_ configuration: inout ServerConfiguration) {
        configuration.sandbox = .init(adminToken: admin)
    }

    /// Every sandbox operation, with a body it would take.
    static let operations: [(HTTPMethod, String, String?)] = [
        (.GET, "/_cohort/clock", nil), (.POST, "/_cohort/clock", #"{"advance_seconds": 5}"#), (.GET, "/_cohort/clock/", nil),
        (.POST, "/_cohort/reset", nil), (.POST, "/_cohort/seed", "{}"), (.GET, "/_cohort/export", nil),
        (.GET, "/_cohort/faults", nil), (.POST, "/_cohort/faults", #"{"path": "/**", "status": 503}"#),
        (.DELETE, "/_cohort/faults/64a000000000000000000001", nil), (.GET, "/_cohort/requests", nil),
        (.GET, "/_cohort/requests/", nil),
        (.PUT, "/_cohort/workspaces/64a000000000000000000001/wallet", #"{"total_balance": 100}"#),
    ]

    @Test func withoutTheSandboxEveryCohortPathIsNotFound() async throws {
        try await withServer { server in
            for (method, path, body) in Self.operations {
                let response = try await server.request(method, path, json: body, token: .some(Self.admin))
                #expect(response.status == 404, "\(method) \(path)")
                #expect(response.error?["error_code"]?.int == 40401)
            }
        }
    }

    @Test func theSandboxTakesTheAdminTokenOnly() async throws {
        try await withServer(configure: Self.sandboxed) { server in
            for token in [String??.some(nil), .some(server.token), .some("not-the-admin-token")] {
                for (method, path, body) in Self.operations {
                    let response = try await server.request(method, path, json: body, token: token)
                    #expect(response.status == 401, "\(method) \(path)")
                    #expect(response.error?["error_code"]?.int == 40101)
                }
            }
            #expect(try await server.request(.GET, "/_cohort/clock", token: .some(Self.admin)).status == 200)
            // The admin token is not a researcher's.
            #expect(try await server.request(.GET, "/api/v1/users/me/", token: .some(Self.admin)).status == 401)
        }
    }

    @Test func theClockMovesNewMembershipsAndNeverGoesBack() async throws {
        try await withServer(configure: Self.sandboxed) { server in
            let admin = String??.some(Self.admin)
            let first = try await server.request(.GET, "/_cohort/clock", token: admin).json["now"]?.string
            let before = try #require(first.flatMap { Timestamp(rfc3339: $0) })
            let advanced = try await server.request(.POST, "/_cohort/clock", json: #"{"advance_seconds": 86400}"#, token: admin)
            #expect(advanced.status == 200, "\(advanced.text)")
            let afterText = try advanced.json["now"]?.string
            let after = try #require(afterText.flatMap { Timestamp(rfc3339: $0) })
            #expect(after.secondsSince1970 - before.secondsSince1970 >= 86_400)
            #expect(after.secondsSince1970 - before.secondsSince1970 < 86_400 + 60)

            let group = try #require(try await server.createGroup(members: [participant(1)])["id"]?.string)
            let members = try await server.request(.GET, "/api/v1/participant-groups/\(group)/participants/").json
            let addedText = members["results"]?[0]?["datetime_created"]?.string
            let added = try #require(addedText.flatMap { Timestamp(rfc3339: $0) })
            #expect(added >= after)

            let set = try await server.request(.POST, "/_cohort/clock", json: #"{"now": "2100-01-01T00:00:00Z"}"#, token: admin)
            #expect(try set.json["now"]?.string == "2100-01-01T00:00:00Z")
            for body in [#"{"advance_seconds": -1}"#, #"{"now": "2000-01-01T00:00:00Z"}"#, #"{"now": "soon"}"#, "{}",
                         #"{"advance_seconds": 1, "now": "2200-01-01T00:00:00Z"}"#] {
                let refused = try await server.request(.POST, "/_cohort/clock", json: body, token: admin)
                #expect(refused.status == 400, "\(body): \(refused.text)")
                #expect(refused.error?["error_code"]?.int == 40002)
            }
            let now = try await server.request(.GET, "/_cohort/clock", token: admin).json["now"]?.string
            #expect(now?.hasPrefix("2100-01-01T00:0") == true)
        }
    }
}
