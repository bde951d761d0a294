import CohortTestSupport
import Foundation
import NIOHTTP1
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Two `cohort serve` processes on one PostgreSQL database, taking concurrent, overlapping writes
/// to the same groups: nothing is lost, nothing answers 5xx, and every count is exact.
@Suite struct MultiInstancePostgresTests {
    @Test(.enabled(if: TestPostgres.url != nil || TestPostgres.isRequired, Comment(rawValue: TestPostgres.skipMessage)))
    func twoInstancesAgreeUnderConcurrentOverlappingWrites() async throws {
        let database = try await TestPostgres.createDatabase()
        let environment = ["COHORT_BOOTSTRAP_TOKEN": "t", "COHORT_DATABASE_POOL_SIZE": "4"]
        // Both start at once: migrations and the bootstrap researcher are made exactly once.
        let first = try CohortProcess(["serve", "--port", "0", "--database", database], environment: environment)
        let second = try CohortProcess(["serve", "--port", "0", "--database", database], environment: environment)
        defer {
            first.signal(SIGKILL)
            second.signal(SIGKILL)
        }
        let instances = [try await first.waitUntilServing(), try await second.waitUntilServing()]
        let me = try #require(try await http(.GET, instances[0] + "/api/v1/users/me/", token: "t").body)
        #expect(try await http(.GET, instances[1] + "/api/v1/users/me/", token: "t").body == me)
        let workspaces = try await http(.GET, instances[1] + "/api/v1/workspaces/", token: "t").body
        #expect(workspaces?["meta"]?["count"]?.int == 1)
        let workspace = try #require(workspaces?["results"]?[0]?["id"]?.string)

        // Each group starts with 0..<60. Removes take overlapping ranges of 0..<30, adds overlapping
        // ranges of 100..<190, and PATCHes rename: adds and removes never touch the same ids, so the
        // outcome does not depend on the order in which the database serialised them.
        let initial = (0..<60).map(participant)
        var groups: [String] = []
        for index in 0..<3 {
            let created = try await http(
                .POST, instances[index % 2] + "/api/v1/participant-groups/",
                json: #"{"name": "g\#(index)", "workspace_id": "\#(workspace)", "participant_ids": \#(jsonList(initial))}"#,
                token: "t")
            groups.append(try #require(created.body?["id"]?.string))
        }
        let removes = stride(from: 0, to: 25, by: 5).map { ($0..<($0 + 10)).map(participant) }
        let adds = stride(from: 100, to: 180, by: 10).map { ($0..<($0 + 20)).map(participant) }
        let names = (0..<6).map { "renamed \($0)" }

        enum Operation: Sendable {
            case add([String]), remove([String]), rename(String)
        }
        struct Outcome: Sendable {
            let group: String
            let operation: Operation
            let status: Int
            let snapshot: Set<String>?
        }
        var operations: [(String, Operation)] = []
        for group in groups {
            operations += removes.map { (group, .remove($0)) } + adds.map { (group, .add($0)) }
                + names.map { (group, .rename($0)) }
        }
        let outcomes = try await withThrowingTaskGroup(of: Outcome.self) { tasks in
            for (index, (group, operation)) in operations.shuffled().enumerated() {
                let base = instances[index % 2] + "/api/v1/participant-groups/\(group)/"
                tasks.addTask {
                    let response: (status: Int, body: JSON?)
                    switch operation {
                    case .add(let ids):
                        response = try await http(.POST, base + "participants/", json: #"{"participant_ids": \#(jsonList(ids))}"#, token: "t")
                    case .remove(let ids):
                        response = try await http(.DELETE, base + "participants/", json: #"{"participant_ids": \#(jsonList(ids))}"#, token: "t")
                    case .rename(let name):
                        response = try await http(.PATCH, base, json: #"{"name": "\#(name)"}"#, token: "t")
                    }
                    let snapshot = response.body?["results"]?.array.map { Set($0.compactMap { $0["participant_id"]?.string }) }
                    return Outcome(group: group, operation: operation, status: response.status, snapshot: snapshot)
                }
            }
            return try await tasks.reduce(into: [Outcome]()) { $0.append($1) }
        }

        #expect(outcomes.count == operations.count)
        #expect(outcomes.allSatisfy { $0.status == 200 }, "\(outcomes.map(\.status).filter { $0 != 200 })")
        for outcome in outcomes {
            switch outcome.operation {
            case .add(let ids): #expect(outcome.snapshot?.isSuperset(of: ids) == true, "an add's answer lacks its ids")
            case .remove(let ids): #expect(outcome.snapshot?.isDisjoint(with: ids) == true, "a remove's answer keeps its ids")
            case .rename: break
            }
        }
        let expected = Set(initial).subtracting(removes.joined()).union(adds.joined())
        for group in groups {
            for instance in instances {
                let members = try await http(.GET, instance + "/api/v1/participant-groups/\(group)/participants/", token: "t")
                let ids = members.body?["results"]?.array?.compactMap { $0["participant_id"]?.string } ?? []
                #expect(Set(ids) == expected)
                #expect(ids.count == expected.count)
                let body = try await http(.GET, instance + "/api/v1/participant-groups/\(group)/", token: "t").body
                #expect(body?["participant_count"]?.int == expected.count)
                #expect(names.contains(body?["name"]?.string ?? ""))
            }
        }
        first.signal(SIGTERM)
        second.signal(SIGTERM)
        #expect(try await first.waitForExit() == 0)
        #expect(try await second.waitForExit() == 0)
        #expect(!first.stderr.contains(" error ") && !second.stderr.contains(" error "))
        try await TestPostgres.dropDatabase(database)
    }

    /// Two instances publishing studies of one workspace at once: the wallet is read and written
    /// in the same transaction as each study, so together they never hold more than it has.
    @Test(.enabled(if: TestPostgres.url != nil || TestPostgres.isRequired, Comment(rawValue: TestPostgres.skipMessage)))
    func twoInstancesNeverReserveMoreThanTheBalance() async throws {
        let database = try await TestPostgres.createDatabase()
        let environment = ["COHORT_BOOTSTRAP_TOKEN": "t", "COHORT_DATABASE_POOL_SIZE": "4"]
        // Each study costs 1400 (10 places at 100, the fee and VAT): the wallet pays for ten.
        let arguments = ["serve", "--port", "0", "--database", database, "--starting-balance", "14000"]
        let first = try CohortProcess(arguments, environment: environment)
        let second = try CohortProcess(arguments, environment: environment)
        defer {
            first.signal(SIGKILL)
            second.signal(SIGKILL)
        }
        let instances = [try await first.waitUntilServing(), try await second.waitUntilServing()]
        let workspace = try #require(try await http(.GET, instances[0] + "/api/v1/workspaces/", token: "t").body?["results"]?[0]?["id"]?.string)
        let project = try #require(
            try await http(.POST, instances[0] + "/api/v1/workspaces/\(workspace)/projects/", json: #"{"title": "p"}"#, token: "t")
                .body?["id"]?.string)
        var studies: [String] = []
        for _ in 0..<20 {
            let created = try await http(.POST, instances[1] + "/api/v1/studies/", json: studyBody(project: project), token: "t")
            studies.append(try #require(created.body?["id"]?.string, "\(created)"))
        }
        let statuses = try await withThrowingTaskGroup(of: (Int, Int?).self) { tasks in
            for (index, study) in studies.enumerated() {
                tasks.addTask {
                    let response = try await http(
                        .POST, instances[index % 2] + "/api/v1/studies/\(study)/transition/", json: #"{"action": "PUBLISH"}"#, token: "t")
                    return (response.status, response.body?["error"]?["error_code"]?.int)
                }
            }
            return try await tasks.reduce(into: [(Int, Int?)]()) { $0.append($1) }
        }
        #expect(statuses.filter { $0.0 == 200 }.count == 10, "\(statuses)")
        #expect(statuses.filter { $0 == (400, 40011) }.count == 10, "\(statuses)")
        for instance in instances {
            let balance = try await http(.GET, instance + "/api/v1/workspaces/\(workspace)/balance/", token: "t").body
            #expect(balance?["total_balance"]?.int == 14000)
            #expect(balance?["available_balance"]?.int == 0)
            let active = try await http(.GET, instance + "/api/v1/studies/?state=ACTIVE", token: "t").body
            #expect(active?["meta"]?["count"]?.int == 10)
        }
        first.signal(SIGTERM)
        second.signal(SIGTERM)
        #expect(try await first.waitForExit() == 0)
        #expect(try await second.waitForExit() == 0)
        try await TestPostgres.dropDatabase(database)
    }
}
