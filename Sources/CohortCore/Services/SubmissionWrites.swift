/// The one transaction every change to a submission runs in: the submission, its study and the
/// study's wallet loaded (locked), the clock's due change to the submission made first, then the
/// caller's decision, then the submission, study, wallet, messages and group edits stored
/// together (docs/architecture.md, "Transactions across resources").
struct SubmissionWrites: Sendable {
    let store: any CohortStore
    let clock: any CohortClock
    let money: MoneySettings

    /// What a decision on a loaded submission leads to.
    struct Change: Sendable {
        var submission: Submission
        var study: Study
        var wallet: Wallet
        /// Messages it sends.
        var messages: [Message] = []
        /// Group edits, in order; one on a group that does not exist is skipped.
        var groupEdits: [GroupStep] = []
    }

    typealias Decision = @Sendable (_ current: Change, _ now: Timestamp) throws -> Change

    /// Loads the submission (which `visible` must accept: tenancy), applies the clock, then
    /// `decide`, and stores the outcome. Answers the stored change.
    func change(
        _ id: SubmissionID, visible: @escaping @Sendable (Submission) -> Bool = { _ in true }, _ decide: @escaping Decision
    ) async throws -> Change {
        let key = Submission.key(id)
        let now = clock.now()
        let settings = money
        return try await retryingConflicts {
            try await store.transact { snapshot -> TransactionStep<Change> in
                guard snapshot.records[key] != nil else { return .load(records: [key]) }
                guard let storedSubmission = snapshot.record(key) else { throw id.notFound }
                let submission: Submission = try storedSubmission.decode()
                guard visible(submission) else { throw id.notFound }
                let studyKey = Study.key(submission.studyID)
                let walletKey = Wallet.key(of: submission.workspaceID)
                guard snapshot.records[studyKey] != nil, snapshot.records[walletKey] != nil else {
                    return .load(records: [studyKey, walletKey])
                }
                guard let storedStudy = snapshot.record(studyKey) else { throw CorruptRow(description: "\(key) has no study") }
                let storedWallet = snapshot.record(walletKey)
                let wallet = try storedWallet.map { try $0.decode(as: Wallet.self) }
                    ?? Wallet(workspaceID: submission.workspaceID, createdAt: now, totalCents: settings.startingBalanceCents)
                var current = Change(submission: submission, study: try storedStudy.decode(), wallet: wallet)
                current = Self.clocked(current, now: now, settings: settings)
                let decided = try decide(current, now)
                let groups = decided.groupEdits.map(\.group).filter { snapshot.groups[$0] == nil }
                guard groups.isEmpty else { return .load(groups: groups) }
                var changes: [RecordChange] = []
                if decided.submission != submission {
                    changes.append(.update(try decided.submission.record(version: storedSubmission.version)))
                }
                if decided.study != (try storedStudy.decode(as: Study.self)) {
                    changes.append(.update(try decided.study.record(version: storedStudy.version)))
                }
                if decided.wallet != wallet {
                    changes.append(
                        try storedWallet.map { .update(try decided.wallet.record(version: $0.version)) }
                            ?? .insert(try decided.wallet.record()))
                }
                changes += try decided.messages.map { .insert(try $0.record()) }
                for step in decided.groupEdits where snapshot.group(step.group) != nil {
                    changes.append(.editGroup(step.group, [step.operation], at: now))
                }
                return .commit(changes, result: decided)
            }
        }
    }

    /// The change the clock has made to the submission by `now`: a timeout, or the approval
    /// after 21 days (paid).
    static func clocked(_ current: Change, now: Timestamp, settings: MoneySettings) -> Change {
        guard let due = SubmissionDeadlines.due(current.submission, in: current.study, now: now) else { return current }
        var next = current
        var submission = current.submission
        if due == .timedOut { submission.timedOutAt = now }
        let pays = due == .approved ? current.study.content.reward : 0
        (next.submission, next.study, next.wallet) = SubmissionEffects.move(
            submission, to: due, paying: pays, study: current.study, wallet: current.wallet, settings: settings)
        return next
    }

    /// A completion's outcome carried out: the code's status and payment, its group edits, and
    /// the return request it makes (a message from the study's researcher).
    static func completed(
        _ current: Change, with outcome: CompletionOutcome, now: Timestamp, settings: MoneySettings
    ) throws(CohortError) -> Change {
        var next = current
        var submission = current.submission
        if submission.status == .timedOut || !submission.status.holdsPlace {
            // A late completion: "if they are still active on the study and are not replaced".
            guard current.study.placesTaken < current.study.content.totalAvailablePlaces else {
                throw CohortError(.invalidTransition, .message("The participant's place was filled by someone else: the submission cannot be completed."))
            }
        }
        submission.completedAt = now
        submission.enteredCode = outcome.enteredCode
        if let reason = outcome.returnReason {
            submission.returnRequested = now
            next.messages.append(
                MessageRules.returnRequest(
                    reasons: [reason], submission: submission, from: current.study.createdBy.hex, at: now))
        }
        (next.submission, next.study, next.wallet) = SubmissionEffects.move(
            submission, to: outcome.status, paying: outcome.paidCents, usesScreenOutSlot: outcome.usesScreenOutSlot,
            study: current.study, wallet: current.wallet, settings: settings)
        next.groupEdits = outcome.groupEdits
        return next
    }
}
