import CohortAPI
import CohortCore

/// A submission in the shapes the document gives it: the detail, the transition's answer, a
/// list's short form.
extension WireSubmissionDetail {
    init(_ submission: Submission) {
        self.init(
            id: submission.id.hex, studyId: submission.studyID.hex, participant: submission.participantID.hex,
            status: .init(submission.status), startedAt: (submission.startedAt ?? submission.createdAt).rfc3339,
            completedAt: submission.completedAt?.rfc3339, enteredCode: submission.enteredCode, parentStudyId: nil,
            bonusPayments: submission.bonusPayments, returnRequested: submission.returnRequested?.rfc3339)
    }
}

extension WireSubmission {
    init(_ submission: Submission) {
        self.init(
            id: submission.id.hex, studyId: submission.studyID.hex, participant: submission.participantID.hex,
            status: .init(submission.status), startedAt: (submission.startedAt ?? submission.createdAt).rfc3339,
            completedAt: submission.completedAt?.rfc3339, enteredCode: submission.enteredCode)
    }
}

extension WireSubmissionShort {
    init(_ submission: Submission, hasSiblings: Bool) {
        self.init(
            id: submission.id.hex, participantId: submission.participantID.hex, status: .init(submission.status),
            startedAt: (submission.startedAt ?? submission.createdAt).rfc3339, completedAt: submission.completedAt?.rfc3339,
            hasSiblings: hasSiblings, studyCode: submission.enteredCode, returnRequested: submission.returnRequested?.rfc3339)
    }
}

extension Components.Schemas.SubmissionStatus {
    init(_ status: SubmissionStatus) {
        self = Self(rawValue: status.rawValue)!  // The same nine names, held by SubmissionWireTests.
    }
}

extension Components.Schemas.SubmissionListResponse {
    /// The submissions, with whether each participant has others in the study.
    init(_ submissions: [Submission], all: [Submission], meta: Components.Schemas.ListMeta?, links: Components.Schemas.ListLinks?) {
        var counts: [ParticipantID: Int] = [:]
        for submission in all { counts[submission.participantID, default: 0] += 1 }
        self.init(
            results: submissions.map { .init($0, hasSiblings: (counts[$0.participantID] ?? 0) > 1) }, meta: meta, _links: links)
    }
}

extension Components.Schemas.SubmissionsCountResponse {
    init(_ tally: SubmissionTally) {
        self.init(
            active: tally.count(.active), approved: tally.count(.approved), awaitingReview: tally.count(.awaitingReview),
            rejected: tally.count(.rejected), reserved: tally.count(.reserved), returned: tally.count(.returned),
            timedOut: tally.count(.timedOut), partiallyApproved: tally.count(.partiallyApproved),
            screenedOut: tally.count(.screenedOut), total: tally.total)
    }
}
