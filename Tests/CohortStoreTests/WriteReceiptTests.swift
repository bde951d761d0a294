@testable import CohortPostgres
import CohortCore
import CohortTestSupport
import Foundation
import PostgresNIO
import Testing

/// How a `COMMIT` whose answer was lost is settled: by a tombstone that waits for the original
/// transaction, conflicts with its receipt if it committed, and takes its place if it did not.
@Suite(.enabled(if: TestPostgres.url != nil || TestPostgres.isRequired, Comment(rawValue: TestPostgres.skipMessage)))
struct WriteReceiptTests {
    func withPostgres(_ body: (PostgresStore) async throws -> Void) async throws {
        let database = try await TestPostgres.createDatabase()
        let store = try await PostgresStore.open(url: database, poolSize: 4, acquireTimeout: .seconds(5))
        do {
            try await body(store)
            try await store.close()
        } catch {
            try? await store.close()
            try? await TestPostgres.dropDatabase(database)
            throw error
        }
        try await TestPostgres.dropDatabase(database)
    }

    @Test func aCommittedReceiptSettlesAsCommitted() async throws {
        try await withPostgres { store in
            let receipt = WriteReceipt()
            try await store.write { connection in try await store.run(receipt.record, connection) }
            #expect(await store.resolve(receipt) == .committed)
            #expect(await store.resolve(receipt) == .committed, "settling is repeatable")
        }
    }

    @Test func aReceiptThatNeverCommittedSettlesAsNotCommittedAndCanNeverCommit() async throws {
        try await withPostgres { store in
            let receipt = WriteReceipt()
            #expect(await store.resolve(receipt) == .notCommitted)
            #expect(await store.resolve(receipt) == .notCommitted, "settling is repeatable")
            // The original transaction, had it still been running, could not commit now.
            await #expect(throws: (any Error).self) {
                try await store.write { connection in try await store.run(receipt.record, connection) }
            }
        }
    }

    /// The original is still open when settling starts: settling waits for it, and follows it.
    @Test(arguments: [true, false])
    func settlingWaitsForTheOriginalTransaction(commits: Bool) async throws {
        try await withPostgres { store in
            let receipt = WriteReceipt()
            let started = ContinuousClock.now
            async let original: Void = store.leased(timeout: .seconds(5)) { connection in
                try await store.run("BEGIN", connection)
                try await store.run(receipt.record, connection)
                try await Task.sleep(for: .milliseconds(800))
                try await store.run(commits ? "COMMIT" : "ROLLBACK", connection)
            }
            try await Task.sleep(for: .milliseconds(200))
            let outcome = await store.resolve(receipt)
            try await original
            #expect(outcome == (commits ? .committed : .notCommitted))
            #expect(ContinuousClock.now - started >= .milliseconds(800), "settling did not wait for the original")
        }
    }

    @Test func everyWriteLeavesOneReceiptAndOldOnesArePruned() async throws {
        try await withPostgres { store in
            try await store.write { connection in try await store.run("SELECT 1", connection) }
            #expect(try await receipts(store) == 1)
            try await store.pruneOldReceipts(now: Timestamp.now())
            #expect(try await receipts(store) == 1, "a fresh receipt is kept")
            try await store.pruneOldReceipts(now: Timestamp(secondsSince1970: Timestamp.now().secondsSince1970 + WriteReceipt.kept + 1))
            #expect(try await receipts(store) == 0)
        }
    }

    func receipts(_ store: PostgresStore) async throws -> Int? {
        try await store.statement { connection in
            try await store.rows("SELECT count(*) FROM cohort_write_receipts", connection).first?.decode(Int.self)
        }
    }
}
