/// The submission use cases on the researcher's side: reading, counting, the transitions,
/// return requests and bulk approval (lifecycle.md §3.2). Each change is one transaction with
/// the study and its wallet (``SubmissionWrites``); the clock's changes (timeouts, approval after
/// 21 days) are settled first (``SubmissionSettling``).
public struct Submissions: Sendable {
    let store: any CohortStore
    let clock: any CohortClock
    let money: MoneySettings
    let writes: SubmissionWrites
    let settling: SubmissionSettling
    let records: PlainResources<Submission>

    public init(store: any CohortStore, clock: any CohortClock = SystemClock(), money: MoneySettings = .standard) {
        self.store = store
        self.clock = clock
        self.money = money
        self.writes = SubmissionWrites(store: store, clock: clock, money: money)
        self.settling = SubmissionSettling(store: store, clock: clock, money: money)
        self.records = PlainResources(store: store)
    }

    /// The most ids one bulk approval takes ("We recommend a maximum of 1,000").
    public static let bulkLimit = 1_000

    // MARK: Reading

    public func get(_ rawID: String, caller: Researcher) async throws -> Submission {
        let submission = try await records.get(rawID, caller: caller)
        guard SubmissionDeadlines.due(submission, in: try await study(of: submission), now: clock.now()) != nil else {
            return submission
        }
        try await settling.settle(submission.studyID)
        return try await records.get(rawID, caller: caller)
    }

    /// The study's submissions that pass `query`, in its order (creation order by default), and all of
    /// them (a list shows whether a participant has others: `has_siblings`).
    public func list(
        study rawStudy: String, _ query: SubmissionListRules.Query, orderings: [String], caller: Researcher
    ) async throws -> (matching: [Submission], all: [Submission]) {
        let study = try await visibleStudy(rawStudy, caller: caller)
        let all = try await submissions(of: study)
        return (try SubmissionListRules.apply(query, to: all, orderings: orderings), all)
    }

    /// The study's submissions counted by status.
    public func counts(study rawStudy: String, caller: Researcher) async throws -> SubmissionTally {
        try await visibleStudy(rawStudy, caller: caller).submissions
    }

    // MARK: Writing

    /// `transition-submission`.
    public func transition(_ rawID: String, _ input: SubmissionTransitionInput, caller: Researcher) async throws -> Submission {
        _ = try await records.get(rawID, caller: caller)  // Another's submission is not found, whatever the body.
        let id = try SubmissionID.parse(rawID)
        let request = SubmissionTransitions.Request(
            action: try SubmissionTransitions.Action(parsing: input.action), message: input.message,
            rejectionCategory: input.rejectionCategory, completionCode: input.completionCode,
            percentageOfReward: input.percentageOfReward)
        let reach = try await store.reach(of: caller.id)
        let settings = money
        let sender = caller.id.hex
        return try await writes.change(id, visible: { reach.canSee(workspace: $0.workspaceID) }) { current, now in
            switch try SubmissionTransitions.decide(request, on: current.submission, study: current.study) {
            case .unchanged:
                return current
            case .status(let status, let pays, let message):
                var next = current
                (next.submission, next.study, next.wallet) = SubmissionEffects.move(
                    current.submission, to: status, paying: pays, study: current.study, wallet: current.wallet,
                    settings: settings)
                if let message {
                    next.messages.append(MessageRules.rejection(message, submission: current.submission, from: sender, at: now))
                }
                return next
            case .completion(let outcome):
                return try SubmissionWrites.completed(current, with: outcome, now: now, settings: settings)
            }
        }.submission
    }

    /// `request-submission-return`: a message to the participant, and `return_requested` set;
    /// the status does not change.
    public func requestReturn(_ rawID: String, reasons rawReasons: [String]?, caller: Researcher) async throws -> Submission {
        _ = try await records.get(rawID, caller: caller)  // Another's submission is not found, whatever the body.
        let id = try SubmissionID.parse(rawID)
        let reasons = try MessageRules.returnReasons(rawReasons)
        let reach = try await store.reach(of: caller.id)
        let sender = caller.id.hex
        return try await writes.change(id, visible: { reach.canSee(workspace: $0.workspaceID) }) { current, now in
            guard [.active, .awaitingReview].contains(current.submission.status) else {
                throw CohortError(
                    .invalidTransition,
                    .message("A return can be requested only of a submission that is ACTIVE or AWAITING REVIEW, not \(current.submission.status.rawValue)."))
            }
            var next = current
            next.submission.returnRequested = now
            next.messages.append(MessageRules.returnRequest(reasons: reasons, submission: next.submission, from: sender, at: now))
            return next
        }.submission
    }

    /// What `bulk-approve-submissions` names.
    public enum BulkSelection: Hashable, Sendable {
        case submissions([String])
        case participants(study: String, [String])
    }

    /// Approves every submission named, all or none: an id that is not a submission of the
    /// caller's awaiting review (or approved already, which is skipped) makes it a 400 naming
    /// every such id, and nothing changes. Answers how many it approved.
    public func bulkApprove(_ selection: BulkSelection, caller: Researcher) async throws -> Int {
        let reach = try await store.reach(of: caller.id)
        var ids: [SubmissionID] = []
        var unknown: [String] = []
        let named: [String]
        let field: String
        switch selection {
        case .submissions(let raw):
            named = raw
            field = "submission_ids"
            for text in raw {
                if let id = SubmissionID(text) { ids.append(id) } else { unknown.append(text) }
            }
        case .participants(let rawStudy, let raw):
            named = raw
            field = "participant_ids"
            let study = try await visibleStudy(rawStudy, caller: caller)
            let byParticipant = Dictionary(
                try await submissions(of: study).map { ($0.participantID.hex, $0.id) }, uniquingKeysWith: { _, last in last })
            for text in raw {
                if let id = byParticipant[text] { ids.append(id) } else { unknown.append(text) }
            }
        }
        guard !named.isEmpty else { throw CohortError.invalid(field, "Give at least one id.") }
        guard named.count <= Self.bulkLimit else {
            throw CohortError.invalid(field, "Give at most \(Self.bulkLimit) ids in one request.")
        }
        guard unknown.isEmpty else { throw Self.notApprovable(unknown, field: field) }
        let unique = Array(Set(ids)).sorted()
        let settings = money
        let now = clock.now()
        return try await retryingConflicts {
            try await store.transact { snapshot -> TransactionStep<Int> in
                let keys = unique.map(Submission.key)
                let missing = keys.filter { snapshot.records[$0] == nil }
                guard missing.isEmpty else { return .load(records: missing) }
                var loaded: [(StoredRecord?, SubmissionID)] = []
                for id in unique { loaded.append((snapshot.record(Submission.key(id)), id)) }
                var refused: [String] = []
                var submissions: [(Submission, Int)] = []
                for (stored, id) in loaded {
                    guard let stored, let submission = try? stored.decode(as: Submission.self),
                        reach.canSee(workspace: submission.workspaceID)
                    else {
                        refused.append(id.hex)
                        continue
                    }
                    submissions.append((submission, stored.version))
                }
                let studyKeys = Set(submissions.map { Study.key($0.0.studyID) }).union(
                    submissions.map { Wallet.key(of: $0.0.workspaceID) })
                let more = studyKeys.filter { snapshot.records[$0] == nil }.sorted()
                guard more.isEmpty else { return .load(records: more) }
                var studies: [StudyID: (Study, Int, Study)] = [:]
                var wallets: [WorkspaceID: (Wallet, Int?, Wallet)] = [:]
                var changes: [RecordChange] = []
                var approved = 0
                for (original, version) in submissions {
                    if studies[original.studyID] == nil {
                        guard let stored = snapshot.record(Study.key(original.studyID)) else {
                            throw CorruptRow(description: "\(original.id) has no study")
                        }
                        let study: Study = try stored.decode()
                        studies[original.studyID] = (study, stored.version, study)
                    }
                    if wallets[original.workspaceID] == nil {
                        let stored = snapshot.record(Wallet.key(of: original.workspaceID))
                        let wallet = try stored.map { try $0.decode(as: Wallet.self) }
                            ?? Wallet(workspaceID: original.workspaceID, createdAt: now, totalCents: settings.startingBalanceCents)
                        wallets[original.workspaceID] = (wallet, stored?.version, wallet)
                    }
                    var current = SubmissionWrites.Change(
                        submission: original, study: studies[original.studyID]!.0, wallet: wallets[original.workspaceID]!.0)
                    current = SubmissionWrites.clocked(current, now: now, settings: settings)
                    switch current.submission.status {
                    case .approved:
                        break
                    case .awaitingReview:
                        (current.submission, current.study, current.wallet) = SubmissionEffects.move(
                            current.submission, to: .approved, paying: current.study.content.reward, study: current.study,
                            wallet: current.wallet, settings: settings)
                        approved += 1
                    default:
                        refused.append(original.id.hex)
                    }
                    studies[original.studyID]!.0 = current.study
                    wallets[original.workspaceID]!.0 = current.wallet
                    if current.submission != original {
                        changes.append(.update(try current.submission.record(version: version)))
                    }
                }
                guard refused.isEmpty else { throw Self.notApprovable(refused, field: "submission_ids") }
                for (study, version, original) in studies.values where study != original {
                    changes.append(.update(try study.record(version: version)))
                }
                for (wallet, version, original) in wallets.values where wallet != original {
                    changes.append(try version.map { .update(try wallet.record(version: $0)) } ?? .insert(try wallet.record()))
                }
                return .commit(changes, result: approved)
            }
        }
    }

    static func notApprovable(_ ids: [String], field: String) -> CohortError {
        CohortError(
            .invalidInput,
            .fields([field: ["These ids are not submissions of yours awaiting review: " + ids.joined(separator: ", ") + "."]]))
    }

    // MARK: Helpers

    /// The study, with its due submissions settled, if the caller may see it.
    func visibleStudy(_ rawStudy: String, caller: Researcher) async throws -> Study {
        let study = try await PlainResources<Study>(store: store).get(rawStudy, caller: caller)
        guard !SubmissionDeadlines.statusesToSettle(study, now: clock.now()).isEmpty else { return study }
        try await settling.settle(study.id)
        return try await PlainResources<Study>(store: store).get(rawStudy, caller: caller)
    }

    /// Every submission of the study, in creation order.
    func submissions(of study: Study) async throws -> [Submission] {
        try await store.submissions(of: study)
    }

    func study(of submission: Submission) async throws -> Study {
        guard let stored = try await store.record(Study.key(submission.studyID)) else {
            throw CorruptRow(description: "\(submission.id) has no study")
        }
        return try stored.decode()
    }
}

/// A `transition-submission` body as sent.
public struct SubmissionTransitionInput: Hashable, Sendable {
    public var action: String
    public var message: String?
    public var rejectionCategory: String?
    public var completionCode: String?
    public var percentageOfReward: Double?

    public init(
        action: String, message: String? = nil, rejectionCategory: String? = nil, completionCode: String? = nil,
        percentageOfReward: Double? = nil
    ) {
        self.action = action
        self.message = message
        self.rejectionCategory = rejectionCategory
        self.completionCode = completionCode
        self.percentageOfReward = percentageOfReward
    }
}
