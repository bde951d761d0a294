import CohortCore
import Foundation
import PostgresNIO

/// A row each write transaction adds just before its `COMMIT`, so that a `COMMIT` whose answer was
/// lost (the connection died after sending it) can be settled before the request is answered.
///
/// Settling inserts a tombstone under the same id on another connection: it waits while the
/// original transaction still holds the row's index entry, then conflicts with it if that committed,
/// or takes its place if it did not, which also means the original can never commit afterwards.
/// Reading the row back tells which. So a 503 keeps meaning "nothing was changed", and a write
/// that did commit is answered as done. (`txid_status` of the transaction would not do: after a
/// crash, an id that was never logged can be given to a later transaction.)
struct WriteReceipt: Sendable {
    let id: String

    init() {
        id = UUID().uuidString.lowercased()
    }

    /// Receipts are kept this long; settling takes seconds.
    static let kept: Int64 = 3600

    var record: PostgresQuery {
        "INSERT INTO cohort_write_receipts (id, created_at) VALUES (\(id), \(Timestamp.now().secondsSince1970))"
    }

    /// The tombstone: does nothing if the receipt is there (or appears, once its writer commits).
    var tombstone: PostgresQuery {
        """
        INSERT INTO cohort_write_receipts (id, created_at, tombstone) VALUES (\(id), \(Timestamp.now().secondsSince1970), true)
        ON CONFLICT (id) DO NOTHING
        """
    }

    var lookup: PostgresQuery { "SELECT tombstone FROM cohort_write_receipts WHERE id = \(id)" }
}

/// How an unanswered `COMMIT` turned out.
enum CommitOutcome {
    case committed, notCommitted
    /// The database could not be asked in time.
    case unknown
}

extension PostgresStore {
    /// Settles `receipt`'s transaction, trying for up to ``acquireTimeout``.
    func resolve(_ receipt: WriteReceipt) async -> CommitOutcome {
        let deadline = ContinuousClock.now + acquireTimeout
        while ContinuousClock.now < deadline {
            do {
                let tombstone: Bool? = try await leased(timeout: deadline - ContinuousClock.now) { connection in
                    try await self.run(receipt.tombstone, connection)
                    return try await self.rows(receipt.lookup, connection).first?.decode(Bool.self)
                }
                // The lookup always finds a row after the insert; none would mean it was pruned.
                guard let tombstone else { return .unknown }
                return tombstone ? .notCommitted : .committed
            } catch {
                // Both statements are safe to repeat: a tombstone already in place only conflicts.
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
        return .unknown
    }

    /// Removes receipts older than an hour, every few minutes, for as long as the store is open.
    func pruneReceipts() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(300))
            guard !Task.isCancelled else { return }
            try? await pruneOldReceipts(now: .now())
        }
    }

    /// Removes the receipts older than ``WriteReceipt/kept`` at `now`.
    func pruneOldReceipts(now: Timestamp) async throws {
        let cutoff = now.secondsSince1970 - WriteReceipt.kept
        try await statement { connection in
            try await self.run("DELETE FROM cohort_write_receipts WHERE created_at < \(cutoff)", connection)
        }
    }
}
