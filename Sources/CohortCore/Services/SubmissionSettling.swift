/// Makes the clock's due changes to a study's submissions (``SubmissionDeadlines``): timeouts and
/// approvals after 21 days, in one transaction with the study and its wallet. Called when the
/// study or its submissions are read or written and the study's bound has passed, so a study
/// with nothing due costs no read.
struct SubmissionSettling: Sendable {
    let store: any CohortStore
    let clock: any CohortClock
    let money: MoneySettings

    /// Answers the study's record as read when nothing was due (so a caller need not read it
    /// again), nil when something was settled or there is no such study.
    @discardableResult
    func settle(_ studyID: StudyID) async throws -> StoredRecord? {
        let now = clock.now()
        let settings = money
        return try await retryingConflicts { () async throws -> StoredRecord? in
            guard let storedStudy = try await store.record(Study.key(studyID)) else { return nil }
            let study: Study = try storedStudy.decode()
            let statuses = SubmissionDeadlines.statusesToSettle(study, now: now)
            guard !statuses.isEmpty else { return storedStudy }
            var candidates: [StoredRecord] = []
            for status in statuses {
                candidates += try await store.records(of: Submission.recordKind, carrying: Submission.inStudy(studyID, status))
            }
            let keys = candidates.map(\.key)
            let readVersion = storedStudy.version
            _ = try await store.transact { snapshot -> TransactionStep<Bool> in
                let studyKey = Study.key(studyID)
                let walletKey = Wallet.key(of: study.workspaceID)
                let wanted = ([studyKey, walletKey] + keys).filter { snapshot.records[$0] == nil }
                guard wanted.isEmpty else { return .load(records: wanted) }
                guard let lockedStudy = snapshot.record(studyKey) else { return .commit([], result: false) }
                // The candidates were found outside this transaction: any change to a submission
                // of the study changes the study too, so an unchanged study means they are current.
                guard lockedStudy.version == readVersion else { throw RecordVersionConflict(studyKey) }
                let storedWallet = snapshot.record(walletKey)
                var wallet = try storedWallet.map { try $0.decode(as: Wallet.self) }
                    ?? Wallet(workspaceID: study.workspaceID, createdAt: now, totalCents: settings.startingBalanceCents)
                let originalWallet = wallet
                var current: Study = try lockedStudy.decode()
                var bound: Timestamp?
                var changes: [RecordChange] = []
                for key in keys {
                    guard let stored = snapshot.record(key) else { continue }
                    let submission: Submission = try stored.decode()
                    let moved = SubmissionWrites.clocked(
                        SubmissionWrites.Change(submission: submission, study: current, wallet: wallet), now: now, settings: settings)
                    current = moved.study
                    wallet = moved.wallet
                    if moved.submission != submission {
                        changes.append(.update(try moved.submission.record(version: stored.version)))
                    }
                    if let deadline = SubmissionDeadlines.deadline(of: moved.submission, in: current) {
                        bound = bound.map { min($0, deadline) } ?? deadline
                    }
                }
                current.settleAfter = bound
                changes.append(.update(try current.record(version: lockedStudy.version)))
                if wallet != originalWallet {
                    changes.append(try storedWallet.map { .update(try wallet.record(version: $0.version)) } ?? .insert(try wallet.record()))
                }
                return .commit(changes, result: true)
            }
            return nil
        }
    }
}
