import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `cohort serve` as its own process, on a new database of the kind the suite runs on (SQLite,
/// or PostgreSQL with `COHORT_TEST_SERVER_STORE=postgres`), for the tests that read the server's
/// log or hold it to limits that are per process.
final class ServedProcess: Sendable {
    let process: CohortProcess
    let url: String
    let port: Int
    let token: String
    let database: String

    /// A long token, so that finding it in a log is proof of a leak and not a coincidence.
    static func newToken() -> String { "served-" + UUID().uuidString.lowercased() }

    private init(process: CohortProcess, url: String, token: String, database: String) {
        self.process = process
        self.url = url
        self.port = Int(url.split(separator: ":").last!)!
        self.token = token
        self.database = database
    }

    /// Starts a server with `arguments` added to `serve --port 0 --database ...`.
    static func start(_ arguments: [String] = [], environment: [String: String] = [:], database: String? = nil)
        async throws -> ServedProcess
    {
        let token = newToken()
        var location = database ?? ""
        if database == nil { location = try await TestServer.newDatabase() }
        let database = location
        let process = try CohortProcess(
            ["serve", "--port", "0", "--database", database, "--pool-size", "3"] + arguments,
            environment: ["COHORT_BOOTSTRAP_TOKEN": token].merging(environment) { _, new in new })
        let url = try await process.waitUntilServing()
        return ServedProcess(process: process, url: url, token: token, database: database)
    }

    /// SIGTERM, then waits for the exit status.
    @discardableResult
    func stop() async throws -> Int32 {
        process.signal(SIGTERM)
        return try await process.waitForExit()
    }

    func dropDatabase() async { await TestServer.dropDatabase(database) }

    var log: String { process.stderr }

    /// Log lines at error level or worse (text or JSON format).
    var errorLines: [Substring] {
        log.split(separator: "\n").filter { line in
            [" error ", " critical ", "\"level\":\"error\"", "\"level\":\"critical\""].contains { line.contains($0) }
        }
    }

    func request(_ method: HTTPMethodName, _ path: String, json: String? = nil) async throws -> (status: Int, body: JSON?) {
        try await http(method.nio, url + path, json: json, token: token)
    }
}

/// Runs `body` with a served process, stopped (and its database dropped) afterwards.
func withServedProcess<T>(
    _ arguments: [String] = [], environment: [String: String] = [:], _ body: (ServedProcess) async throws -> T
) async throws -> T {
    let server = try await ServedProcess.start(arguments, environment: environment)
    do {
        let result = try await body(server)
        try await server.stop()
        await server.dropDatabase()
        return result
    } catch {
        server.process.signal(SIGKILL)
        await server.dropDatabase()
        throw error
    }
}
