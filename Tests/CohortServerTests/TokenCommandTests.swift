import CohortTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `cohort token list` and `cohort token revoke`, against servers running on the database: a
/// revoked token is refused from the next request on, by every server, cached or not.
@Suite struct TokenCommandTests {
    static func token(_ arguments: [String], database: String, stdin: String? = nil) async throws
        -> (status: Int32, stdout: String, stderr: String)
    {
        guard let stdin else { return try await CohortProcess.run(["token"] + arguments + ["--database", database]) }
        // Through a shell so that the token goes in on standard input, never on a command line.
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("token-\(UUID().uuidString)")
        try stdin.write(to: input, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: input) }
        let command = try CohortProcess.executable.path
        let output = input.path + ".out", errors = input.path + ".err"
        defer { try? FileManager.default.removeItem(atPath: output); try? FileManager.default.removeItem(atPath: errors) }
        let environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("COHORT_") }
        let process = try ChildProcess(
            "/bin/sh", ["-c", "\"$0\" token \(arguments.joined(separator: " ")) --database \"$1\" < \"$2\"", command, database, input.path],
            environment: environment, stdout: output, stderr: errors)
        let status = try await process.waitForExit()
        return (
            status, (try? String(contentsOfFile: output, encoding: .utf8)) ?? "",
            (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
        )
    }

    @Test func listShowsTokensByIDNeverByValue() async throws {
        try await withServedProcess { server in
            let created = try await Self.token(["create", "--email", "ada@example.org"], database: server.database)
            let ada = try #require(created.stdout.split(separator: "\n").last.map(String.init))
            let listed = try await Self.token(["list", "--format", "json"], database: server.database)
            #expect(listed.status == 0, "\(listed.stderr)")
            let rows = try #require(try JSON(parsing: Data(listed.stdout.utf8)).array)
            #expect(rows.count == 2)
            #expect(rows.compactMap { $0["email"]?.string }.sorted() == ["ada@example.org", "researcher@cohort.local"])
            #expect(rows.allSatisfy { $0["id"]?.string?.count == 16 && $0["datetime_created"]?.string != nil })
            #expect(!listed.stdout.contains(ada) && !listed.stdout.contains(server.token))
            let csv = try await Self.token(["list", "--format", "csv"], database: server.database)
            #expect(csv.stdout.hasPrefix("id,email,researcher_id,datetime_created"))
        }
    }

    /// The token has been used (and so cached) before it is revoked; the next request is refused.
    @Test func aRevokedTokenIsRefusedAtOnceThoughCached() async throws {
        try await withServedProcess { server in
            let created = try await Self.token(["create", "--email", "ada@example.org"], database: server.database)
            let ada = try #require(created.stdout.split(separator: "\n").last.map(String.init))
            for _ in 0..<3 { #expect(try await http(.GET, server.url + "/api/v1/users/me/", token: ada).status == 200) }

            let revoked = try await Self.token(["revoke", "--token-stdin"], database: server.database, stdin: ada + "\n")
            #expect(revoked.status == 0, "\(revoked.stderr)")
            #expect(revoked.stdout.contains("Revoked 1 token"))
            let refused = try await http(.GET, server.url + "/api/v1/users/me/", token: ada)
            #expect(refused.status == 401)
            #expect(refused.body?["error"]?["error_code"]?.int == 40101)
            #expect(try await http(.GET, server.url + "/api/v1/users/me/", token: server.token).status == 200)
        }
    }

    @Test func revokeByIDAndByEmail() async throws {
        try await withServedProcess { server in
            var tokens: [String] = []
            for _ in 0..<2 {
                let created = try await Self.token(["create", "--email", "bob@example.org"], database: server.database)
                tokens.append(try #require(created.stdout.split(separator: "\n").last.map(String.init)))
            }
            for token in tokens { #expect(try await http(.GET, server.url + "/api/v1/users/me/", token: token).status == 200) }
            let listed = try JSON(parsing: Data(try await Self.token(["list", "--format", "json"], database: server.database).stdout.utf8))
            let bobs = (listed.array ?? []).filter { $0["email"]?.string == "bob@example.org" }.compactMap { $0["id"]?.string }
            #expect(bobs.count == 2)

            let one = try await Self.token(["revoke", bobs[0]], database: server.database)
            #expect(one.status == 0, "\(one.stderr)")
            let statuses = try await tokens.asyncMap { try await http(.GET, server.url + "/api/v1/users/me/", token: $0).status }
            #expect(statuses.sorted() == [200, 401])

            let all = try await Self.token(["revoke", "--email", "BOB@example.org"], database: server.database)
            #expect(all.stdout.contains("Revoked 1 token"), "\(all.stdout) \(all.stderr)")
            for token in tokens { #expect(try await http(.GET, server.url + "/api/v1/users/me/", token: token).status == 401) }

            let nothing = try await Self.token(["revoke", "--email", "bob@example.org"], database: server.database)
            #expect(nothing.status != 0)
            #expect(nothing.stderr.contains("nothing was revoked"))
            let both = try await Self.token(["revoke", bobs[1], "--email", "bob@example.org"], database: server.database)
            #expect(both.status != 0)
            #expect(try await http(.GET, server.url + "/api/v1/users/me/", token: server.token).status == 200)
        }
    }

    @Test(.enabled(if: TestPostgres.url != nil || TestPostgres.isRequired, Comment(rawValue: TestPostgres.skipMessage)))
    func aRevocationTakesEffectAtOnceOnEveryInstance() async throws {
        let database = try await TestPostgres.createDatabase()
        let first = try await ServedProcess.start(database: database)
        let second = try await ServedProcess.start(database: database)
        defer {
            first.process.signal(SIGKILL)
            second.process.signal(SIGKILL)
        }
        let created = try await Self.token(["create", "--email", "ada@example.org"], database: database)
        let ada = try #require(created.stdout.split(separator: "\n").last.map(String.init))
        for server in [first, second] {
            #expect(try await http(.GET, server.url + "/api/v1/users/me/", token: ada).status == 200)
        }
        #expect(try await Self.token(["revoke", "--email", "ada@example.org"], database: database).status == 0)
        for server in [first, second] {
            #expect(try await http(.GET, server.url + "/api/v1/users/me/", token: ada).status == 401)
        }
        try await first.stop()
        try await second.stop()
        await TestServer.dropDatabase(database)
    }
}

extension Array {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
