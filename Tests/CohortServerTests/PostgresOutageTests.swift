import CohortTestSupport
import Foundation
import NIOHTTP1
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A server whose PostgreSQL goes away and comes back: it answers 503 meanwhile, recovers without
/// a restart, and loses no write it acknowledged.
@Suite struct PostgresOutageTests {
    @Test(.enabled(if: PostgresCluster.binaries != nil || TestPostgres.isRequired, Comment(rawValue: PostgresCluster.unavailableMessage)))
    func aDatabaseRestartAnswers503ThenRecoversWithoutLosingWrites() async throws {
        let cluster = try await PostgresCluster.start()
        do {
            try await restartUnder(cluster)
            await cluster.destroy()
        } catch {
            await cluster.destroy()
            throw error
        }
    }

    private func restartUnder(_ cluster: PostgresCluster) async throws {
        let server = try CohortProcess(
            ["serve", "--port", "0", "--database", cluster.url, "--database-timeout", "2"],
            environment: ["COHORT_BOOTSTRAP_TOKEN": "t"])
        defer { server.signal(SIGKILL) }
        let url = try await server.waitUntilServing()
        let workspace = try #require(try await http(.GET, url + "/api/v1/workspaces/", token: "t").body?["results"]?[0]?["id"]?.string)
        let created = try await http(
            .POST, url + "/api/v1/participant-groups/",
            json: #"{"name": "survivor", "workspace_id": "\#(workspace)", "participant_ids": \#(jsonList((0..<10).map(participant)))}"#,
            token: "t")
        let group = try #require(created.body?["id"]?.string)
        let members = url + "/api/v1/participant-groups/\(group)/participants/"

        try await cluster.stop()
        let read = try await http(.GET, url + "/api/v1/participant-groups/\(group)/", token: "t")
        let write = try await http(.POST, members, json: #"{"participant_ids": ["\#(participant(99))"]}"#, token: "t")
        let health = try await http(.GET, url + "/health", token: "t")
        for response in [read, write, health] {
            #expect(response.status == 503)
            #expect(response.body?["error"]?["error_code"]?.int == 50301)
        }

        try await cluster.start()
        var recovered = false
        for _ in 0..<100 where !recovered {
            recovered = try await http(.GET, url + "/health", token: "t").status == 200
            if !recovered { try await Task.sleep(for: .milliseconds(200)) }
        }
        #expect(recovered, "the server did not recover within 20 s")
        let added = try await http(.POST, members, json: #"{"participant_ids": \#(jsonList((10..<20).map(participant)))}"#, token: "t")
        #expect(added.status == 200)
        let listed = try await http(.GET, members, token: "t").body?["results"]?.array?.compactMap { $0["participant_id"]?.string }
        #expect(listed == (0..<20).map(participant))
        #expect(try await http(.GET, url + "/api/v1/participant-groups/\(group)/", token: "t").body?["participant_count"]?.int == 20)
        server.signal(SIGTERM)
        #expect(try await server.waitForExit() == 0)
    }
}
