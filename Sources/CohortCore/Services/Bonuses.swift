/// Bonuses (lifecycle.md §3.5): set up from the document's CSV, then paid, every time the pay
/// call is made ("not idempotent ... participants being paid multiple times").
public struct Bonuses: Sendable {
    let store: any CohortStore
    let clock: any CohortClock
    let money: MoneySettings

    public init(store: any CohortStore, clock: any CohortClock = SystemClock(), money: MoneySettings = .standard) {
        self.store = store
        self.clock = clock
        self.money = money
    }

    /// `create-bonus-payments`: each line's id is a participant or a submission of the study;
    /// any that did not take part are named in one 400, and nothing is set up.
    public func create(study rawStudy: String?, csv: String?, caller: Researcher) async throws -> BulkBonus {
        guard let rawStudy else { throw CohortError.invalid("study_id", "This field is required.") }
        let study = try await PlainResources<Study>(store: store).get(rawStudy, caller: caller)
        let lines = try BonusRules.parse(csv)
        let submissions = try await store.submissions(of: study)
        var byID: [String: SubmissionID] = [:]
        for submission in submissions {
            byID[submission.id.hex] = submission.id
            byID[submission.participantID.hex] = byID[submission.participantID.hex] ?? submission.id
        }
        let unknown = lines.map(\.id).filter { byID[$0] == nil }
        guard unknown.isEmpty else {
            throw CohortError.invalid(
                "csv_bonuses",
                "These ids did not take part in the study: " + Array(Set(unknown)).sorted().joined(separator: ", ") + ".")
        }
        let entries = lines.map { BulkBonus.Entry(submissionID: byID[$0.id]!, cents: $0.cents) }
        let cost = CostBreakdown(paying: entries.reduce(0) { $0 + $1.cents }, settings: money)
        let bonus = BulkBonus(
            id: BulkBonusID(ObjectID.generate(at: clock.now())), workspaceID: study.workspaceID, createdAt: clock.now(),
            studyID: study.id, entries: entries, cost: cost)
        return try await PlainResources<BulkBonus>(store: store).create(bonus, caller: caller)
    }

    /// `pay-bonus-payments`: takes the total from the wallet (a 400 when it does not hold it),
    /// adds each payment to its submission's `bonus_payments` and to the study's cost.
    public func pay(_ rawID: String, caller: Researcher) async throws {
        let bonus = try await PlainResources<BulkBonus>(store: store).get(rawID, caller: caller)
        let now = clock.now()
        let settings = money
        let keys = Array(Set(bonus.entries.map { Submission.key($0.submissionID) })).sorted()
        let bonusKey = BulkBonus.key(bonus.id), studyKey = Study.key(bonus.studyID), walletKey = Wallet.key(of: bonus.workspaceID)
        _ = try await retryingConflicts {
            try await store.transact { snapshot -> TransactionStep<Bool> in
                let wanted = ([bonusKey, studyKey, walletKey] + keys).filter { snapshot.records[$0] == nil }
                guard wanted.isEmpty else { return .load(records: wanted) }
                guard let storedBonus = snapshot.record(bonusKey), let storedStudy = snapshot.record(studyKey) else {
                    throw bonus.id.notFound
                }
                var current: BulkBonus = try storedBonus.decode()
                let storedWallet = snapshot.record(walletKey)
                let wallet = try storedWallet.map { try $0.decode(as: Wallet.self) }
                    ?? Wallet(workspaceID: bonus.workspaceID, createdAt: now, totalCents: settings.startingBalanceCents)
                guard wallet.availableCents >= current.cost.total else {
                    throw CohortError(
                        .insufficientBalance,
                        "The workspace's available balance (\(wallet.availableCents) cents) does not cover these bonuses (\(current.cost.total) cents).")
                }
                let (study, paidWallet) = SubmissionEffects.spend(
                    current.cost, onRewards: false, study: try storedStudy.decode(), wallet: wallet)
                var changes: [RecordChange] = [.update(try study.record(version: storedStudy.version))]
                changes.append(try storedWallet.map { .update(try paidWallet.record(version: $0.version)) } ?? .insert(try paidWallet.record()))
                for key in keys {
                    guard let stored = snapshot.record(key) else { continue }
                    var submission: Submission = try stored.decode()
                    for entry in current.entries where Submission.key(entry.submissionID) == key {
                        submission.bonusPayments.append(entry.cents)
                    }
                    changes.append(.update(try submission.record(version: stored.version)))
                }
                current.timesPaid += 1
                changes.append(.update(try current.record(version: storedBonus.version)))
                return .commit(changes, result: true)
            }
        }
    }
}
