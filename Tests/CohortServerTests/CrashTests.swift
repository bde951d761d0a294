import AsyncHTTPClient
import CohortClient
import CohortTestSupport
import Foundation
import NIOCore
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Writers send batches of new members while the server is killed and restarted, or while its
/// PostgreSQL is stopped (immediate and fast), restarted and its sessions terminated, with readers
/// streaming a large membership meanwhile. Afterwards: the server never died by itself, every
/// acknowledged batch is there whole, no other batch is there in part, no batch answered 503 is
/// there at all, `participant_count` equals the membership, and no request waited longer than the
/// database timeout and a margin.
@Suite(.serialized) struct CrashTests {
    /// Seconds a request may wait for a database connection (`--database-timeout`).
    static let databaseTimeout = 2
    /// What the server may take beyond that to answer; past it a request counts as unanswered. A
    /// stream of the big group reads it in slices, each of which may wait for a connection while
    /// the database restarts; on a loaded two-core CI machine streams took 5.6 s against 4.0.
    static let margin = 6.0

    /// On the store the suite runs on: SQLite, or PostgreSQL in the suite's PostgreSQL run.
    @Test func killingTheServerLosesNoAcknowledgedBatch() async throws {
        let database = try await TestServer.newDatabase()
        let run = try await CrashRun.start(database: database)
        for _ in 0..<15 {
            try await Task.sleep(for: .milliseconds(Int.random(in: 150...600)))
            try await run.killAndRestart()
        }
        // On a loaded machine (the whole suite in parallel) few writes land between kills: let the
        // writers go on, without kills, until enough did for the check to mean something.
        await run.waitForAcknowledged(atLeast: 60, within: .seconds(30))
        try await run.finishAndCheck()
        await TestServer.dropDatabase(database)
    }

    @Test(.enabled(if: PostgresCluster.binaries != nil || TestPostgres.isRequired, Comment(rawValue: PostgresCluster.unavailableMessage)))
    func postgresFaultsNeverCrashOrHangTheServerNorBreakA503() async throws {
        let cluster = try await PostgresCluster.start()
        do {
            let run = try await CrashRun.start(database: cluster.url, streamingReaders: 3)
            var faults: [String] = []
            for round in 0..<32 {
                try await Task.sleep(for: .milliseconds(Int.random(in: 300...900)))
                switch round % 4 {
                case 0, 1:
                    let mode: PostgresCluster.StopMode = round % 4 == 0 ? .immediate : .fast
                    try await cluster.stop(mode)
                    faults.append("stop -m \(mode)")
                    try await Task.sleep(for: .milliseconds(Int.random(in: 200...1200)))
                    try await cluster.start()
                case 2:
                    try await cluster.terminateBackends()
                    faults.append("terminate")
                default:
                    try await run.killAndRestart()
                    faults.append("SIGKILL")
                }
                #expect(run.serverIsRunning, "the server died after \(faults)")
                guard run.serverIsRunning else { break }
            }
            try await run.finishAndCheck()
            await cluster.destroy()
        } catch {
            await cluster.destroy()
            throw error
        }
    }
}

/// One run of writers and readers against one server, and the ledger of what they were told.
final class CrashRun: Sendable {
    /// What a batch's request was answered.
    enum Answer: Sendable, Equatable {
        case acknowledged
        /// 503: must have changed nothing.
        case unavailable
        /// 504: the outcome is unknown; either way is allowed.
        case outcomeUnknown
        /// No answer: the connection broke (the server was killed); either way is allowed.
        case none
        case other(Int)
    }

    struct Batch: Sendable {
        let group: String
        let ids: [String]
        let answer: Answer
        let seconds: Double
    }

    let database: String
    let token = "crash-token"
    let groups: [String]
    let bigGroup: String
    private let server: Mutex<(process: CohortProcess, url: String)>
    private let ledger = Mutex<[Batch]>([])
    private let slowReads = Mutex<[String]>([])
    private let stopping = Atomic<Bool>(false)
    private let workers: Mutex<[Task<Void, Never>]> = Mutex([])

    private init(database: String, process: CohortProcess, url: String, groups: [String], bigGroup: String) {
        self.database = database
        self.server = Mutex((process, url))
        self.groups = groups
        self.bigGroup = bigGroup
    }

    /// A server on `port` (0: any free one); a restarted server takes its predecessor's port, as a
    /// supervisor's would.
    static func serve(_ database: String, port: Int = 0) throws -> CohortProcess {
        try CohortProcess(
            [
                "serve", "--port", String(port), "--database", database, "--database-timeout", String(CrashTests.databaseTimeout),
                "--pool-size", "6",
            ], environment: ["COHORT_BOOTSTRAP_TOKEN": "crash-token"])
    }

    /// Starts the server, makes three groups to write to and one of 30,000 members to stream (six
    /// slices of the streamed list), and starts the writers and readers.
    static func start(database: String, writers: Int = 6, streamingReaders: Int = 0) async throws -> CrashRun {
        let process = try serve(database)
        let url = try await process.waitUntilServing()
        let workspace = try #require(try await http(.GET, url + "/api/v1/workspaces/", token: "crash-token").body?["results"]?[0]?["id"]?.string)
        var groups: [String] = []
        for index in 0..<4 {
            let members = index == 3 ? (0..<30_000).map { String(format: "%024x", 0xBEEF_0000_0000 + $0) } : []
            let created = try await http(
                .POST, url + "/api/v1/participant-groups/",
                json: #"{"name": "crash \#(index)", "workspace_id": "\#(workspace)", "participant_ids": \#(jsonList(members))}"#,
                token: "crash-token")
            try #require(created.status == 201, "creating a group: \(created.status)")
            groups.append(try #require(created.body?["id"]?.string))
        }
        let run = CrashRun(database: database, process: process, url: url, groups: Array(groups.prefix(3)), bigGroup: groups[3])
        for writer in 0..<writers { run.spawn { await run.write(as: writer) } }
        for _ in 0..<streamingReaders { run.spawn { await run.stream() } }
        return run
    }

    private func spawn(_ work: @escaping @Sendable () async -> Void) {
        workers.withLock { $0.append(Task { await work() }) }
    }

    var url: String { server.withLock { $0.url } }
    var serverIsRunning: Bool { server.withLock { $0.process.process.isRunning } }

    /// SIGKILL, then a new server on the same database.
    func killAndRestart() async throws {
        let old = server.withLock { $0.process }
        old.signal(SIGKILL)
        _ = try await old.waitForExit()
        let port = Int(url.split(separator: ":").last!)!
        let process = try Self.serve(database, port: port)
        let url = try await process.waitUntilServing()
        server.withLock { $0 = (process, url) }
    }

    /// Fails a connection that cannot be made at once (the server is down or restarting), rather
    /// than trying again until the deadline as AsyncHTTPClient otherwise does.
    static let client = ProlificClient.defaultHTTPClient

    /// The request deadline: past it, the request counts as unanswered.
    static var deadline: Double { Double(CrashTests.databaseTimeout) + CrashTests.margin }

    /// Sends batches of 20 new ids, round robin over the groups, and records each answer.
    func write(as writer: Int) async {
        var batch = 0
        while !stopping.load(ordering: .relaxed) {
            let group = groups[batch % groups.count]
            let ids = (0..<20).map { String(format: "%08x%08x%08x", writer, batch, $0) }
            batch += 1
            let started = Date()
            var request = HTTPClientRequest(url: url + "/api/v1/participant-groups/\(group)/participants/")
            request.method = .POST
            request.headers.add(name: "Authorization", value: "Token \(token)")
            request.headers.add(name: "Content-Type", value: "application/json")
            request.headers.add(name: "Prefer", value: "return=minimal")
            request.body = .bytes(ByteBuffer(string: #"{"participant_ids": \#(jsonList(ids))}"#))
            var answer = Answer.none
            do {
                let response = try await Self.client.execute(request, timeout: .seconds(Int64(Self.deadline)))
                _ = try await response.body.collect(upTo: 1 << 20)
                switch response.status.code {
                case 200: answer = .acknowledged
                case 503: answer = .unavailable
                case 504: answer = .outcomeUnknown
                default: answer = .other(Int(response.status.code))
                }
            } catch {
                answer = .none
            }
            let seconds = Date().timeIntervalSince(started)
            ledger.withLock { $0.append(Batch(group: group, ids: ids, answer: answer, seconds: seconds)) }
            if answer != .acknowledged { try? await Task.sleep(for: .milliseconds(50)) }
        }
    }

    /// Streams the 30,000-member list again and again; each stream must end, whole or broken,
    /// within the deadline.
    func stream() async {
        while !stopping.load(ordering: .relaxed) {
            let started = Date()
            var request = HTTPClientRequest(url: url + "/api/v1/participant-groups/\(bigGroup)/participants/")
            request.headers.add(name: "Authorization", value: "Token \(token)")
            do {
                let response = try await Self.client.execute(request, timeout: .seconds(Int64(Self.deadline)))
                _ = try await response.body.collect(upTo: 64 << 20)
            } catch {
                try? await Task.sleep(for: .milliseconds(50))
            }
            let seconds = Date().timeIntervalSince(started)
            if seconds > Self.deadline - 0.5 { slowReads.withLock { $0.append("a stream took \(seconds) s") } }
        }
    }

    /// Returns once `count` batches were acknowledged, or after `limit`.
    func waitForAcknowledged(atLeast count: Int, within limit: Duration) async {
        let deadline = ContinuousClock.now + limit
        while ledger.withLock({ $0.filter { $0.answer == .acknowledged }.count }) < count, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(100))
        }
    }

    /// Stops the workers, waits for the server to answer again, and checks the ledger against
    /// what the database holds.
    func finishAndCheck() async throws {
        stopping.store(true, ordering: .relaxed)
        for worker in workers.withLock({ $0 }) { await worker.value }
        var healthy = false
        for _ in 0..<100 where !healthy {
            healthy = (try? await http(.GET, url + "/health", token: token).status) == 200
            if !healthy { try await Task.sleep(for: .milliseconds(200)) }
        }
        try #require(healthy, "the server did not answer again")

        let batches = ledger.withLock { $0 }
        let answers = Dictionary(grouping: batches, by: { "\($0.answer)" }).mapValues(\.count)
        print("crash run: \(batches.count) batches: \(answers)")
        #expect(batches.filter { $0.answer == .acknowledged }.count > 50, "too few writes got through: \(answers)")
        #expect(batches.allSatisfy { if case .other = $0.answer { false } else { true } }, "unexpected answers: \(answers)")
        let unanswered = batches.filter { $0.seconds > Self.deadline - 0.5 }
        #expect(unanswered.isEmpty, "requests unanswered past \(Self.deadline) s: \(unanswered.map(\.seconds))")
        #expect(slowReads.withLock { $0 }.isEmpty, "\(slowReads.withLock { $0 })")

        for group in groups {
            let listed = try await http(.GET, url + "/api/v1/participant-groups/\(group)/participants/", token: token)
            let members = Set(listed.body?["results"]?.array?.compactMap { $0["participant_id"]?.string } ?? [])
            let count = try await http(.GET, url + "/api/v1/participant-groups/\(group)/", token: token).body?["participant_count"]?.int
            #expect(count == members.count, "participant_count \(count ?? -1) for \(members.count) members")
            var accounted = Set<String>()
            for batch in batches where batch.group == group {
                let present = batch.ids.filter(members.contains).count
                accounted.formUnion(batch.ids)
                switch batch.answer {
                case .acknowledged:
                    #expect(present == batch.ids.count, "an acknowledged batch has \(present) of \(batch.ids.count)")
                case .unavailable:
                    #expect(present == 0, "a batch answered 503 has \(present) of \(batch.ids.count) members")
                default:
                    #expect(present == 0 || present == batch.ids.count, "a batch is there in part: \(present) of \(batch.ids.count)")
                }
            }
            #expect(members.isSubset(of: accounted), "members nobody sent")
        }
        let process = server.withLock { $0.process }
        process.signal(SIGTERM)
        #expect(try await process.waitForExit() == 0)
        #expect(!process.stderr.contains("Fatal error"), "\(process.stderr.suffix(2000))")
    }
}
