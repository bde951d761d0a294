import Foundation
import Testing

/// `cohort sandbox reset|seed|export|faults|requests`: each admin operation from the command line,
/// through the SDK, with the admin token.
@Suite struct SandboxCommandTests {
    func sandbox(_ server: TestServer, _ arguments: [String], stdin: String? = nil) async throws -> ClientCLI.Result {
        try await ClientCLI.run(
            ["sandbox"] + arguments + ["--url", server.baseURL, "--token", SandboxClockTests.admin], stdin: stdin)
    }

    @Test func exportSeedAndResetRoundTripFromTheCommandLine() async throws {
        try await withServer(configure: SandboxClockTests.sandboxed) { server in
            let atStart = try await sandbox(server, ["export"])
            #expect(atStart.status == 0, "\(atStart)")
            #expect(atStart.stdout == (try await SandboxStateTests.export(server)), "the SDK's export reads as the server's")

            let seeded = try await sandbox(server, ["seed", "-"], stdin: try SandboxStateTests.exampleSeed)
            #expect(seeded.status == 0, "\(seeded)")
            #expect(try await server.request(.GET, "/api/v1/users/me/", token: .some("example-token-ada")).status == 200)
            let exported = try await sandbox(server, ["export"])
            #expect(try exported.json["researchers"]?.array?.count == 2)

            let refused = try await sandbox(server, ["seed", "-"], stdin: #"{"organisations": [{"id": "bad", "name": "x"}]}"#)
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("organisations[0].id"), "\(refused)")

            #expect(try await sandbox(server, ["reset"]).status == 0)
            #expect(try await sandbox(server, ["export"]).stdout == atStart.stdout)
        }
    }

    @Test func faultsAndTheJournalFromTheCommandLine() async throws {
        try await withServer(configure: SandboxClockTests.sandboxed) { server in
            let added = try await sandbox(
                server, ["faults", "--add", "--operation", "get-user", "--status", "503", "--count", "1"])
            #expect(added.status == 0, "\(added)")
            let id = try #require(try added.json["id"]?.string)
            let listed = try await sandbox(server, ["faults"])
            #expect(try listed.json.array?.first?["id"]?.string == id)
            #expect(try await server.request(.GET, "/api/v1/users/me/").status == 503)
            #expect(try await server.request(.GET, "/api/v1/users/me/").status == 200)

            let journal = try await sandbox(server, ["requests", "--status", "503"])
            #expect(journal.status == 0, "\(journal)")
            let entries = try #require(try journal.json.array)
            #expect(entries.count == 1)
            #expect(entries.first?["fault"]?.string == id)

            let again = try await sandbox(server, ["faults", "--add", "--path", "/api/v1/**", "--latency-ms", "1"])
            let second = try #require(try again.json["id"]?.string)
            #expect(try await sandbox(server, ["faults", "--remove", second]).status == 0)
            #expect(try await sandbox(server, ["faults"]).json.array?.isEmpty == true)
        }
    }
}
