import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `cohort serve --sandbox` as a separate process: `--seed` at start, and `--deterministic`,
/// which is process-wide (ids) and so is checked with two processes.
@Suite struct SandboxProcessTests {
    static let admin = "process-admin-token"

    /// A request's status and body text.
    static func call(_ method: HTTPMethod, _ url: String, token: String, json: String? = nil) async throws -> (Int, String) {
        try await httpText(method, url, json: json, token: token)
    }

    static var exampleSeedPath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/seed.example.json").path
    }

    /// The same requests against two servers started with the same seed.
    @Test func twoRunsWithTheSameDeterministicSeedGiveTheSameBytes() async throws {
        var runs: [(export: String, statuses: [Int], answers: [String])] = []
        for _ in 0..<2 {
            let database = try await TestServer.newDatabase()
            let server = try CohortProcess(
                ["serve", "--sandbox", "--deterministic", "7", "--admin-token", Self.admin, "--port", "0", "--database", database],
                environment: ["COHORT_BOOTSTRAP_TOKEN": "deterministic-token"])
            defer { server.signal(SIGKILL) }
            let url = try await server.waitUntilServing()
            var answers: [String] = []
            answers.append(try await Self.call(.GET, url + "/_cohort/clock", token: Self.admin).1)
            answers.append(try await Self.call(.POST, url + "/_cohort/clock", token: Self.admin, json: #"{"advance_seconds": 90}"#).1)
            let workspaces = try await Self.call(.GET, url + "/api/v1/workspaces/", token: "deterministic-token").1
            let workspace = try #require(try JSON(parsing: Data(workspaces.utf8))["results"]?[0]?["id"]?.string)
            for index in 0..<3 {
                let (status, body) = try await Self.call(
                    .POST, url + "/api/v1/participant-groups/", token: "deterministic-token",
                    json: #"{"name": "Group \#(index)", "workspace_id": "\#(workspace)", "participant_ids": ["\#(participant(index))"]}"#)
                #expect(status == 201)
                answers.append(body)
            }
            answers.append(try await Self.call(.POST, url + "/api/v1/workspaces/", token: "deterministic-token", json: #"{"title": "Second"}"#).1)
            answers.append(
                try await Self.call(
                    .POST, url + "/_cohort/faults", token: Self.admin,
                    json: #"{"path": "/api/v1/users/me/", "status": 503, "probability": 0.5}"#
                ).1)
            var statuses: [Int] = []
            for _ in 0..<24 { statuses.append(try await Self.call(.GET, url + "/api/v1/users/me/", token: "deterministic-token").0) }
            let (exportStatus, export) = try await Self.call(.GET, url + "/_cohort/export", token: Self.admin)
            #expect(exportStatus == 200)
            runs.append((export, statuses, answers))
            server.signal(SIGTERM)
            _ = try await server.waitForExit()
            await TestServer.dropDatabase(database)
        }
        #expect(runs[0].export == runs[1].export)
        #expect(runs[0].answers == runs[1].answers)
        #expect(runs[0].statuses == runs[1].statuses)
        #expect(Set(runs[0].statuses) == [200, 503], "probability 0.5 over 24 requests: \(runs[0].statuses)")
        // The frozen clock: the start instant plus the 90 seconds advanced.
        #expect(runs[0].answers[1] == #"{"now":"2030-01-01T00:01:30Z"}"#)
        #expect(runs[0].export.contains("\"datetime_created\" : \"2030-01-01T00:01:30Z\""))
    }

    @Test func aSeedFileIsTheStartUpStateAndAResetReturnsToIt() async throws {
        let database = try await TestServer.newDatabase()
        let server = try CohortProcess(
            ["serve", "--sandbox", "--seed", Self.exampleSeedPath, "--admin-token", Self.admin, "--port", "0", "--database", database])
        defer { server.signal(SIGKILL) }
        let url = try await server.waitUntilServing()
        #expect(!server.stdout.contains("shown only once"), "no researcher is made when seeding: \(server.stdout)")
        let (_, me) = try await Self.call(.GET, url + "/api/v1/users/me/", token: "example-token-ada")
        #expect(me.contains("ada@example.org"))
        let (_, atStart) = try await Self.call(.GET, url + "/_cohort/export", token: Self.admin)
        let researchers = try JSON(parsing: Data(atStart.utf8))["researchers"]?.array?.compactMap { $0["email"]?.string }
        #expect(researchers == ["ada@example.org", "alan@example.org"])

        let (created, _) = try await Self.call(
            .POST, url + "/api/v1/participant-groups/", token: "example-token-alan",
            json: #"{"name": "New", "workspace_id": "64a000000000000000000021"}"#)
        #expect(created == 201)
        #expect(try await Self.call(.POST, url + "/_cohort/reset", token: Self.admin).0 == 204)
        #expect(try await Self.call(.GET, url + "/_cohort/export", token: Self.admin).1 == atStart)
        server.signal(SIGTERM)
        #expect(try await server.waitForExit() == 0)
        await TestServer.dropDatabase(database)
    }

    @Test func aMalformedSeedFileOrAMisusedFlagStopsTheStartSayingWhy() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cohort-seed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let seed = directory.appendingPathComponent("bad.json").path
        try Data(
            #"{"researchers": [{"id": "64a000000000000000000011", "email": "a@example.org", "name": "A", "organisation_id": "64a000000000000000000099"}]}"#
                .utf8
        ).write(to: URL(fileURLWithPath: seed))
        let database = directory.appendingPathComponent("db.sqlite").path

        let bad = try await CohortProcess.run(["serve", "--sandbox", "--seed", seed, "--port", "0", "--database", database])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("researchers[0].organisation_id"), "\(bad.stderr)")

        let withoutSandbox = try await CohortProcess.run(["serve", "--seed", seed, "--port", "0", "--database", database])
        #expect(withoutSandbox.status != 0)
        #expect(withoutSandbox.stderr.contains("for --sandbox only"))

        let withBootstrap = try await CohortProcess.run(
            ["serve", "--sandbox", "--seed", Self.exampleSeedPath, "--port", "0", "--database", database],
            environment: ["COHORT_BOOTSTRAP_TOKEN": "x"])
        #expect(withBootstrap.status != 0)
        #expect(withBootstrap.stderr.contains("do not go together"))
    }
}
