import Foundation

public typealias BulkBonus = Components.Schemas.BulkBonus

/// One bonus: a participant (or submission) id and an amount in cents.
public struct Bonus: Sendable, Hashable {
    public var id: String
    public var cents: Int

    public init(id: String, cents: Int) {
        self.id = id
        self.cents = cents
    }
}

extension ProlificClient {
    /// Sets up bonuses for a study from Prolific's CSV (`<id>,<amount>` lines, amounts in the
    /// study's currency); nothing is paid until ``payBonuses(_:)``.
    public func createBonuses(study: String, csv: String) async throws -> BulkBonus {
        try await call {
            try await client.createBonusPayments(body: .json(.init(studyId: study, csvBonuses: csv))).created.body.json
        }
    }

    /// Sets up these bonuses, written as Prolific's CSV (150 cents as `1.50`).
    public func createBonuses(study: String, _ bonuses: [Bonus]) async throws -> BulkBonus {
        try await createBonuses(study: study, csv: Self.csv(bonuses))
    }

    /// Pays a bulk bonus set up with ``createBonuses(study:csv:)``. Not idempotent, as on Prolific:
    /// paying twice pays twice, so the SDK never retries it.
    public func payBonuses(_ id: String) async throws {
        _ = try await call { try await client.payBonusPayments(path: .init(id: id)).accepted }
    }

    static func csv(_ bonuses: [Bonus]) -> String {
        bonuses.map { bonus in
            let sign = bonus.cents < 0 ? "-" : ""
            let cents = bonus.cents.magnitude
            return "\(bonus.id),\(sign)\(cents / 100).\(cents % 100 < 10 ? "0" : "")\(cents % 100)"
        }.joined(separator: "\n")
    }
}
