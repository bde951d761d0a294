/// The changes the clock makes to a submission (lifecycle.md §3.2): an ACTIVE or RESERVED one
/// times out after the study's `maximum_allowed_time`; one AWAITING REVIEW is approved after 21
/// days. Settled when the study or its submissions are next read or written, from the clock, so
/// that no background job is needed and a sandbox clock's advance shows on the next request.
public enum SubmissionDeadlines {
    /// "If you haven't reviewed submissions after 21 days, our system will automatically approve".
    public static let autoApprovalSeconds: Int64 = 21 * 24 * 3600

    /// When the clock changes the submission, if it can.
    public static func deadline(of submission: Submission, in study: Study) -> Timestamp? {
        switch submission.status {
        case .reserved, .active:
            let start = submission.startedAt ?? submission.createdAt
            return Timestamp(secondsSince1970: start.secondsSince1970 + Int64(study.content.maximumAllowedTime) * 60)
        case .awaitingReview:
            let completed = submission.completedAt ?? submission.createdAt
            return Timestamp(secondsSince1970: completed.secondsSince1970 + autoApprovalSeconds)
        case .approved, .rejected, .returned, .timedOut, .screenedOut, .partiallyApproved:
            return nil
        }
    }

    /// The status the clock has moved the submission to by `now`, if any.
    public static func due(_ submission: Submission, in study: Study, now: Timestamp) -> SubmissionStatus? {
        guard let deadline = deadline(of: submission, in: study), deadline <= now else { return nil }
        return submission.status == .awaitingReview ? .approved : .timedOut
    }

    /// Whether any of the study's submissions may be due: the statuses to look in, none if
    /// nothing can be.
    public static func statusesToSettle(_ study: Study, now: Timestamp) -> [SubmissionStatus] {
        guard let after = study.settleAfter, after <= now else { return [] }
        return [.reserved, .active, .awaitingReview].filter { study.submissions.count($0) > 0 }
    }

    /// The earlier of the study's bound and the submission's deadline: a bound that is never
    /// later than the earliest deadline, so that a study whose bound is in the future has nothing
    /// due.
    public static func bound(_ current: Timestamp?, adding submission: Submission, in study: Study) -> Timestamp? {
        guard let deadline = deadline(of: submission, in: study) else { return current }
        guard let current else { return deadline }
        return min(current, deadline)
    }
}
