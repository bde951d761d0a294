import AsyncHTTPClient
import CohortCore
import CohortServer
import CohortTestSupport
import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import ServiceLifecycle

/// A real Cohort server on a loopback port and a database of its own, driven over HTTP.
///
/// Each test gets its own server and database, so tests run in parallel without sharing state.
/// The database is a temporary SQLite file, or, with `COHORT_TEST_SERVER_STORE=postgres`, a new
/// database on the `COHORT_TEST_POSTGRES_URL` server: the same tests then hold the PostgreSQL store
/// to the same API behaviour.
final class TestServer: Sendable {
    let baseURL: String
    let token: String
    let databasePath: String
    /// Whether this server made its database, and so removes it when it stops.
    private let ownsDatabase: Bool
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    static let defaultToken = "test-token-researcher-one"

    private init(
        baseURL: String, token: String, databasePath: String, ownsDatabase: Bool, group: ServiceGroup,
        task: Task<Void, any Error>
    ) {
        self.baseURL = baseURL
        self.token = token
        self.databasePath = databasePath
        self.ownsDatabase = ownsDatabase
        self.group = group
        self.task = task
    }

    /// Starts a server; `database` reuses a file (for restart tests), otherwise a new one is made.
    static func start(
        database: String? = nil, token: String = defaultToken, maxBodyBytes: Int = ServerConfiguration.defaultMaxBodyBytes,
        configure: (inout ServerConfiguration) -> Void = { _ in }
    ) async throws -> TestServer {
        var path = database ?? ""
        if database == nil { path = try await Self.newDatabase() }
        // A small pool: tests run in parallel, and PostgreSQL's default of 100 connections ran out
        // at ten servers of the default ten each.
        var configuration = ServerConfiguration(
            host: "127.0.0.1", port: 0, database: path, maxBodyBytes: maxBodyBytes, bootstrapToken: token,
            databasePoolSize: 3)
        configure(&configuration)
        var logger = Logger(label: "cohort-test")
        logger.logLevel = .error
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = try await CohortApplication.make(configuration: configuration, logger: logger) { port in
            continuation.yield(port)
            continuation.finish()
        }
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        let task = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            task.cancel()
            throw TestServerError("the server did not start")
        }
        return TestServer(
            baseURL: "http://127.0.0.1:\(port)", token: token, databasePath: path, ownsDatabase: database == nil,
            group: group, task: task)
    }

    /// Shuts the server down as SIGTERM would (draining requests) and waits until it has closed
    /// its database.
    func stop() async {
        await group.triggerGracefulShutdown()
        _ = await task.result
        if ownsDatabase { await Self.dropDatabase(databasePath) }
    }

    /// How many tests may run servers on PostgreSQL at once.
    static let postgresGate = TestGate(places: 8)

    /// Whether the servers of these tests run on PostgreSQL.
    static var usesPostgres: Bool { ProcessInfo.processInfo.environment["COHORT_TEST_SERVER_STORE"] == "postgres" }

    /// A new, empty database of the kind the tests run on: a SQLite path or a PostgreSQL URL.
    static func newDatabase() async throws -> String {
        usesPostgres ? try await TestPostgres.createDatabase() : temporarySQLitePath()
    }

    /// Removes a PostgreSQL database made by ``newDatabase()``; SQLite files stay in the temporary folder.
    static func dropDatabase(_ database: String) async {
        if database.hasPrefix("postgres") { try? await TestPostgres.dropDatabase(database) }
    }

    static func temporarySQLitePath() -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cohort-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent("cohort.sqlite").path
    }

    /// Creates another researcher (with a workspace of their own) the way `cohort token create`
    /// does: through the database, while the server runs. Returns their token.
    func addResearcher(email: String, name: String? = nil) async throws -> String {
        let store = try await StoreOpener.open(
            ServerConfiguration(database: databasePath, databasePoolSize: 1), logger: Logger(label: "cohort-test"))
        do {
            let (_, token) = try await Cohort(store: store).researchers.createToken(email: email, name: name)
            try await store.close()
            return token.value
        } catch {
            try? await store.close()
            throw error
        }
    }

    /// Sends a request. `json` is sent as `application/json` unless `contentType` says otherwise;
    /// `token` nil sends no `Authorization` header.
    func request(
        _ method: HTTPMethod, _ path: String, json: String? = nil, body: String? = nil, contentType: String? = nil,
        token: String?? = .none, headers extra: [(String, String)] = []
    ) async throws -> TestResponse {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        let token = token ?? self.token
        if let token { request.headers.add(name: "Authorization", value: "Token \(token)") }
        if let payload = json ?? body {
            request.headers.add(name: "Content-Type", value: contentType ?? "application/json")
            request.body = .bytes(ByteBuffer(string: payload))
        } else if let contentType {
            request.headers.add(name: "Content-Type", value: contentType)
        }
        for (name, value) in extra { request.headers.add(name: name, value: value) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        let bytes = try await response.body.collect(upTo: 256 * 1024 * 1024)
        return TestResponse(status: Int(response.status.code), headers: response.headers, body: Data(buffer: bytes))
    }
}

extension TestServer {
    /// ``request(_:_:json:body:contentType:token:headers:)``, sent once more when the connection
    /// closed before any answer (`remoteConnectionClosed`): a pooled keep-alive connection can
    /// close as it is reused, HTTP's own race (RFC 9112 §9.3.1), which CI met under load. Only for
    /// requests that may be repeated without changing what the test asserts (adding or removing
    /// the same ids twice is the same set); any other failure, or the same one twice, throws.
    func requestRepeatable(_ method: HTTPMethod, _ path: String, json: String) async throws -> TestResponse {
        do {
            return try await request(method, path, json: json)
        } catch let error as HTTPClientError where error == .remoteConnectionClosed {
            return try await request(method, path, json: json)
        }
    }
}

/// Runs `body` against a new server and stops it afterwards, also when `body` throws.
func withServer<T>(
    database: String? = nil, maxBodyBytes: Int = ServerConfiguration.defaultMaxBodyBytes,
    configure: (inout ServerConfiguration) -> Void = { _ in }, _ body: (TestServer) async throws -> T
) async throws -> T {
    // On PostgreSQL, a bounded number of tests hold servers at once: tests run in parallel, and
    // their connections together ran past PostgreSQL's default limit of 100. A test that
    // restarts on its own database already holds a place.
    let gated = TestServer.usesPostgres && database == nil
    if gated { await TestServer.postgresGate.enter() }
    defer { if gated { Task { await TestServer.postgresGate.leave() } } }
    let server = try await TestServer.start(database: database, maxBodyBytes: maxBodyBytes, configure: configure)
    do {
        let result = try await body(server)
        await server.stop()
        return result
    } catch {
        await server.stop()
        throw error
    }
}

struct TestResponse: Sendable {
    let status: Int
    let headers: HTTPHeaders
    let body: Data

    var json: JSON {
        get throws { try JSON(parsing: body) }
    }

    var text: String { String(decoding: body, as: UTF8.self) }

    /// The envelope's `error` object, asserting the shape every error must have.
    var error: JSON? {
        guard let json = try? self.json, let error = json["error"], error["status"]?.int == status,
            error["error_code"]?.int != nil, error["title"]?.string != nil, error["detail"] != nil
        else { return nil }
        return error
    }
}

struct TestServerError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Lets at most `places` holders in at once; the others wait, first come first served.
actor TestGate {
    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(places: Int) {
        free = places
    }

    func enter() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func leave() {
        if waiting.isEmpty {
            free += 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
