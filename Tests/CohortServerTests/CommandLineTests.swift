import AsyncHTTPClient
import CohortCore
import Foundation
import NIOCore
import NIOHTTP1
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `cohort serve` and `cohort token create` as separate processes: how a newcomer gets in, and
/// what happens on SIGTERM and on a kill.
@Suite struct CommandLineTests {
    private func get(_ url: String, token: String) async throws -> (status: Int, body: JSON?) {
        try await http(.GET, url, token: token)
    }

    private func send(_ method: HTTPMethod, _ url: String, json: String, token: String) async throws -> Int {
        try await http(method, url, json: json, token: token).status
    }

    @Test func aFirstStartOnAnEmptyDatabasePrintsATokenOnce() async throws {
        let database = TestServer.temporarySQLitePath()
        let first = try CohortProcess(["serve", "--port", "0", "--database", database])
        let url = try await first.waitUntilServing()
        let lines = first.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let marker = try #require(lines.firstIndex { $0.contains("shown only once") }, "stdout: \(first.stdout)")
        let token = try #require(lines[(marker + 1)...].first { !$0.isEmpty })
        #expect(try await get(url + "/api/v1/users/me/", token: token).status == 200)
        #expect(try await get(url + "/api/v1/workspaces/", token: token).body?["meta"]?["count"]?.int == 1)
        #expect(!first.stderr.contains(token), "the token must not reach the log")
        first.signal(SIGTERM)
        #expect(try await first.waitForExit() == 0)

        let second = try CohortProcess(["serve", "--port", "0", "--database", database])
        let secondURL = try await second.waitUntilServing()
        #expect(!second.stdout.contains("shown only once"))
        #expect(try await get(secondURL + "/api/v1/users/me/", token: token).status == 200)
        second.signal(SIGINT)
        #expect(try await second.waitForExit() == 0)
        // One structured line per request, with method, path, status and duration, and no token.
        let line = try #require(second.stderr.split(separator: "\n").first { $0.contains("path=/api/v1/users/me/") })
        #expect(line.contains("method=GET"))
        #expect(line.contains("status=200"))
        #expect(line.contains("duration_ms="))
        #expect(!second.stderr.contains(token))
    }

    /// `--sandbox` without `--admin-token` makes one up and prints it once (never to the log), and
    /// `cohort sandbox clock` drives the clock with it.
    @Test func aSandboxPrintsItsAdminTokenAndTheClockCommandUsesIt() async throws {
        let database = TestServer.temporarySQLitePath()
        let server = try CohortProcess(
            ["serve", "--sandbox"], environment: ["COHORT_BOOTSTRAP_TOKEN": "ci-token", "COHORT_PORT": "0", "COHORT_DATABASE": database])
        let url = try await server.waitUntilServing()
        let lines = server.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let marker = try #require(lines.firstIndex { $0.contains("admin token") }, "stdout: \(server.stdout)")
        let admin = try #require(lines[(marker + 1)...].first { !$0.isEmpty })
        #expect(try await get(url + "/_cohort/clock", token: admin).status == 200)
        #expect(try await get(url + "/_cohort/clock", token: "ci-token").status == 401)
        let advanced = try await CohortProcess.run(
            ["sandbox", "clock", "--advance", "3600", "--url", url], environment: ["PROLIFIC_TOKEN": admin])
        #expect(advanced.status == 0, "\(advanced.stderr)")
        let shown = try await CohortProcess.run(["sandbox", "clock", "--url", url], environment: ["PROLIFIC_TOKEN": admin])
        let now = try #require(Timestamp(rfc3339: shown.stdout.trimmingCharacters(in: .whitespacesAndNewlines)), "\(shown)")
        #expect(now.secondsSince1970 >= Timestamp.now().secondsSince1970 + 3_590)
        let refused = try await CohortProcess.run(
            ["sandbox", "clock", "--set", "2000-01-01T00:00:00Z", "--url", url], environment: ["PROLIFIC_TOKEN": admin])
        #expect(refused.status != 0 && refused.stderr.contains("only moves forward"), "\(refused)")
        server.signal(SIGTERM)
        #expect(try await server.waitForExit() == 0)
        #expect(!server.stderr.contains(admin), "the admin token must not reach the log")
    }

    @Test func aBootstrapTokenWorksAndTokenCreateWorksWhileTheServerRuns() async throws {
        let database = TestServer.temporarySQLitePath()
        let server = try CohortProcess(
            ["serve"], environment: ["COHORT_BOOTSTRAP_TOKEN": "ci-token", "COHORT_PORT": "0", "COHORT_DATABASE": database])
        let url = try await server.waitUntilServing()
        #expect(!server.stdout.contains("shown only once"))
        let me = try await get(url + "/api/v1/users/me/", token: "ci-token")
        #expect(me.status == 200)

        let created = try await CohortProcess.run(["token", "create", "--email", "ada@example.org", "--database", database])
        #expect(created.status == 0, "\(created.stderr)")
        let token = try #require(created.stdout.split(separator: "\n").last.map(String.init))
        let ada = try await get(url + "/api/v1/users/me/", token: token)
        #expect(ada.status == 200)
        #expect(ada.body?["email"]?.string == "ada@example.org")
        let adaWorkspaces = try await get(url + "/api/v1/workspaces/", token: token).body
        let ciWorkspaces = try await get(url + "/api/v1/workspaces/", token: "ci-token").body
        #expect(adaWorkspaces?["meta"]?["count"]?.int == 1)
        #expect(adaWorkspaces?["results"]?[0]?["id"] != ciWorkspaces?["results"]?[0]?["id"])

        let again = try await CohortProcess.run(["token", "create", "--email", "ada@example.org", "--database", database])
        let second = try #require(again.stdout.split(separator: "\n").last.map(String.init))
        #expect(second != token)
        #expect(try await get(url + "/api/v1/users/me/", token: second).body?["id"] == ada.body?["id"])
        #expect(try await get(url + "/api/v1/users/me/", token: token).status == 200)

        let invalid = try await CohortProcess.run(["token", "create", "--email", "not-an-email", "--database", database])
        #expect(invalid.status != 0)
        server.signal(SIGTERM)
        #expect(try await server.waitForExit() == 0)
    }

    @Test func aMalformedPostgresURLIsRefusedClearly() async throws {
        let result = try await CohortProcess.run(["serve", "--port", "0", "--database", "postgres://localhost/cohort"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("names no user"), "\(result.stderr)")
    }

    @Test func theEventLoopThreadCountCanBeSetAndZeroIsRefused() async throws {
        let refused = try await CohortProcess.run(
            ["serve", "--port", "0", "--database", TestServer.temporarySQLitePath(), "--event-loop-threads", "0"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("--event-loop-threads must be at least 1"), "\(refused.stderr)")

        let server = try CohortProcess(
            ["serve", "--port", "0", "--database", TestServer.temporarySQLitePath()],
            environment: ["COHORT_BOOTSTRAP_TOKEN": "ci-token", "COHORT_EVENT_LOOP_THREADS": "3"])
        let url = try await server.waitUntilServing()
        #expect(try await get(url + "/api/v1/users/me/", token: "ci-token").status == 200)
        // NIO names its event loop threads NIO-ELT-<group>-#<n>.
        let threads = try FileManager.default.contentsOfDirectory(atPath: "/proc/\(server.process.pid)/task")
        let eventLoops = threads.filter { thread in
            let name = (try? String(contentsOfFile: "/proc/\(server.process.pid)/task/\(thread)/comm", encoding: .utf8)) ?? ""
            return name.hasPrefix("NIO-ELT-")
        }
        #expect(eventLoops.count == 3, "threads: \(threads.count)")
        server.signal(SIGTERM)
        #expect(try await server.waitForExit() == 0)
    }

    @Test func sigtermLetsAnInFlightRequestFinishThenExitsCleanly() async throws {
        let database = TestServer.temporarySQLitePath()
        let server = try CohortProcess(
            ["serve", "--port", "0", "--database", database], environment: ["COHORT_BOOTSTRAP_TOKEN": "t"])
        let url = try await server.waitUntilServing()
        let workspace = try #require(try await get(url + "/api/v1/workspaces/", token: "t").body?["results"]?[0]?["id"]?.string)
        var create = HTTPClientRequest(url: url + "/api/v1/participant-groups/")
        create.method = .POST
        create.headers.add(name: "Authorization", value: "Token t")
        create.headers.add(name: "Content-Type", value: "application/json")
        let head = #"{"name": "in flight", "workspace_id": "\#(workspace)", "participant_ids": ["#
        let tail = "\"\(participant(1))\"]}"
        // The body arrives in two parts with a pause between them; SIGTERM lands in the pause.
        let parts = AsyncStream<ByteBuffer> { continuation in
            Task {
                continuation.yield(ByteBuffer(string: head))
                try? await Task.sleep(for: .milliseconds(700))
                continuation.yield(ByteBuffer(string: tail))
                continuation.finish()
            }
        }
        create.body = .stream(parts, length: .known(Int64(head.utf8.count + tail.utf8.count)))
        async let response = HTTPClient.shared.execute(create, timeout: .seconds(30))
        try await Task.sleep(for: .milliseconds(300))
        server.signal(SIGTERM)
        let answered = try await response
        #expect(answered.status.code == 201)
        #expect(try await server.waitForExit() == 0)

        let restarted = try CohortProcess(
            ["serve", "--port", "0", "--database", database], environment: ["COHORT_BOOTSTRAP_TOKEN": "t"])
        let restartedURL = try await restarted.waitUntilServing()
        let groups = try await get(restartedURL + "/api/v1/participant-groups/?workspace_id=\(workspace)", token: "t").body
        #expect(groups?["results"]?[0]?["name"]?.string == "in flight")
        restarted.signal(SIGTERM)
        _ = try await restarted.waitForExit()
    }

    @Test func aKilledServerLosesNoAcknowledgedWrite() async throws {
        let database = TestServer.temporarySQLitePath()
        let server = try CohortProcess(
            ["serve", "--port", "0", "--database", database], environment: ["COHORT_BOOTSTRAP_TOKEN": "t"])
        let url = try await server.waitUntilServing()
        let workspace = try #require(try await get(url + "/api/v1/workspaces/", token: "t").body?["results"]?[0]?["id"]?.string)
        var createRequest = HTTPClientRequest(url: url + "/api/v1/participant-groups/")
        createRequest.method = .POST
        createRequest.headers.add(name: "Authorization", value: "Token t")
        createRequest.headers.add(name: "Content-Type", value: "application/json")
        createRequest.body = .bytes(ByteBuffer(string: #"{"name": "durable", "workspace_id": "\#(workspace)"}"#))
        let created = try await HTTPClient.shared.execute(createRequest, timeout: .seconds(30))
        let group = try #require(try JSON(parsing: Data(buffer: try await created.body.collect(upTo: 1 << 20)))["id"]?.string)
        var acknowledged: [String] = []
        for batch in 0..<20 {
            let ids = (batch * 10..<(batch * 10 + 10)).map(participant)
            let status = try await send(
                .POST, url + "/api/v1/participant-groups/\(group)/participants/",
                json: #"{"participant_ids": \#(jsonList(ids))}"#, token: "t")
            if status == 200 { acknowledged += ids }
        }
        server.signal(SIGKILL)
        _ = try await server.waitForExit()

        let restarted = try CohortProcess(
            ["serve", "--port", "0", "--database", database], environment: ["COHORT_BOOTSTRAP_TOKEN": "t"])
        let restartedURL = try await restarted.waitUntilServing()
        let members = try await get(restartedURL + "/api/v1/participant-groups/\(group)/participants/", token: "t").body
        let ids = Set(members?["results"]?.array?.compactMap { $0["participant_id"]?.string } ?? [])
        #expect(acknowledged.count == 200)
        #expect(ids == Set(acknowledged))
        #expect(try await get(restartedURL + "/api/v1/participant-groups/\(group)/", token: "t").body?["participant_count"]?.int == 200)
        restarted.signal(SIGTERM)
        #expect(try await restarted.waitForExit() == 0)
    }
}
