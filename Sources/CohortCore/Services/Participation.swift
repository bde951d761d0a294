/// The participant's side, which Prolific has no API for and the sandbox drives
/// (lifecycle.md §4): taking a place, completing with a code, returning it.
public struct Participation: Sendable {
    let store: any CohortStore
    let clock: any CohortClock
    let money: MoneySettings
    let writes: SubmissionWrites
    let settling: SubmissionSettling

    public init(store: any CohortStore, clock: any CohortClock = SystemClock(), money: MoneySettings = .standard) {
        self.store = store
        self.clock = clock
        self.money = money
        self.writes = SubmissionWrites(store: store, clock: clock, money: money)
        self.settling = SubmissionSettling(store: store, clock: clock, money: money)
    }

    /// New participant ids: any well-formed id may take a place (as any may join a group), so
    /// making participants is making ids.
    public func makeParticipants(count: Int) throws(CohortError) -> [ParticipantID] {
        guard (1...10_000).contains(count) else { throw CohortError.invalid("count", "Give a count from 1 to 10000.") }
        return (0..<count).map { _ in ParticipantID(ObjectID.generate(at: clock.now())) }
    }

    /// Takes a place in the study for the participant and starts it (ACTIVE), or refuses with
    /// the reason (``PlaceRules``). Answers the submission and the study after it.
    public func take(study rawStudy: String, participant rawParticipant: String) async throws -> (Submission, Study) {
        let studyID = try StudyID.parse(rawStudy)
        guard let participant = ParticipantID(rawParticipant) else {
            throw CohortError.invalid("participant_id", "A participant id is 24 lowercase hex characters.")
        }
        var read = try await settling.settle(studyID)
        if read == nil { read = try await store.record(Study.key(studyID)) }
        guard let stored = read else { throw studyID.notFound }
        let named = PlaceRules.referenced(by: try stored.decode(as: Study.self))
        let groups = try await store.groups(named.groups, containing: participant)
        let now = clock.now()
        let id = SubmissionID(ObjectID.generate(at: now))
        let key = Study.key(studyID)
        // The participant's submissions are read again on each attempt: a concurrent take of
        // theirs makes this one's claim conflict (``PlaceClaim``), and the retry sees it.
        return try await retryingConflicts {
            let theirs: [Submission] = try await store.records(
                of: Submission.recordKind, carrying: RecordField(Submission.participantField, participant.hex)
            ).map { try $0.decode() }
            let standing = PlaceRules.Standing(
                participant: participant, groups: groups,
                previousStudies: Set(theirs.map(\.studyID)).intersection(named.studies),
                submissionsHere: theirs.filter { $0.studyID == studyID }.map(\.status))
            return try await store.transact { snapshot -> TransactionStep<(Submission, Study)> in
                guard snapshot.records[key] != nil else { return .load(records: [key]) }
                guard let locked = snapshot.record(key) else { throw studyID.notFound }
                var study: Study = try locked.decode()
                if let due = StudyTransitions.due(study, now: now) { study = due }
                try PlaceRules.check(study, standing)
                let submission = Submission(
                    id: id, workspaceID: study.workspaceID, studyID: study.id, participantID: participant, createdAt: now,
                    status: .active, startedAt: now)
                let claim = PlaceClaim(
                    study: study.id, participant: participant, ordinal: standing.submissionsHere.count, submission: id,
                    workspaceID: study.workspaceID, at: now)
                study = SubmissionEffects.taken(submission, study: study)
                return .commit(
                    [.update(try study.record(version: locked.version)), .insert(try submission.record()), .insert(try claim.record())],
                    result: (submission, study))
            }
        }
    }

    /// The participant comes back with `code` (nil: none), as Prolific's completion redirect
    /// (`/submissions/complete?cc=`) records it.
    public func complete(_ rawID: String, code: String?) async throws -> Submission {
        let id = try SubmissionID.parse(rawID)
        let settings = money
        return try await writes.change(id) { current, now in
            let status = current.submission.status
            guard status.isInProgress || status == .timedOut else {
                throw CohortError(
                    .invalidTransition, .message("A submission that is \(status.rawValue) cannot be completed by its participant."))
            }
            let outcome = SubmissionCompletion.participant(current.submission.participantID, code: code, study: current.study)
            return try SubmissionWrites.completed(current, with: outcome, now: now, settings: settings)
        }.submission
    }

    /// The participant gives the place back ("Cancel participation", or "Return and cancel
    /// reward" after submitting, before review).
    public func returnPlace(_ rawID: String) async throws -> Submission {
        let id = try SubmissionID.parse(rawID)
        let settings = money
        return try await writes.change(id) { current, _ in
            let status = current.submission.status
            guard status.isInProgress || status == .awaitingReview else {
                throw CohortError(
                    .invalidTransition, .message("A submission that is \(status.rawValue) cannot be returned by its participant."))
            }
            var next = current
            (next.submission, next.study, next.wallet) = SubmissionEffects.move(
                current.submission, to: .returned, paying: 0, study: current.study, wallet: current.wallet, settings: settings)
            return next
        }.submission
    }

    /// The study's URL for this participant's session, with Prolific's placeholders filled in.
    public static func startURL(_ study: Study, submission: Submission) -> String? {
        study.content.externalStudyURL.map { url in
            url.replacing("{{%PROLIFIC_PID%}}", with: submission.participantID.hex)
                .replacing("{{%STUDY_ID%}}", with: study.id.hex)
                .replacing("{{%SESSION_ID%}}", with: submission.id.hex)
        }
    }
}
