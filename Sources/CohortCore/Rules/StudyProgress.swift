/// How a study follows its submissions (lifecycle.md §3.1): its counts, and the status changes
/// that need no researcher. Pure; applied in the transaction that moves a submission.
public enum StudyProgress {
    /// The study with `submission` moved from `old` (nil: a new one) to its status, counted, and
    /// its status as the counts now have it.
    public static func moved(_ study: Study, from old: SubmissionStatus?, to new: SubmissionStatus, usesScreenOutSlot: Bool = false)
        -> Study
    {
        var study = study
        var tally = study.submissions
        tally.move(from: old, to: new)
        if usesScreenOutSlot { tally.screenOutsUsed += 1 }
        study.tally = tally
        return settled(study)
    }

    /// The counts shown on the study, and the automatic status changes:
    /// - ACTIVE → PAUSED when the screen-out slots are used up and places remain;
    /// - ACTIVE → AWAITING REVIEW when no place is left and nobody is still taking part, or
    ///   COMPLETED when nothing awaits review either;
    /// - AWAITING REVIEW → COMPLETED when the last review is done, and → ACTIVE when a place came
    ///   free again (a return, a rejection) in a study the researcher did not stop.
    public static func settled(_ study: Study) -> Study {
        var study = study
        let tally = study.submissions
        study.placesTaken = tally.placesTaken
        study.numberOfSubmissions = tally.total
        let placesLeft = study.content.totalAvailablePlaces - tally.placesTaken
        switch study.status {
        case .active:
            if placesLeft > 0, let slots = study.content.fixedScreenOut?.slots, tally.screenOutsUsed >= slots {
                study.status = .paused
            } else if placesLeft <= 0, tally.inProgress == 0 {
                study.status = tally.count(.awaitingReview) > 0 ? .awaitingReview : .completed
            }
        case .awaitingReview:
            if placesLeft > 0, study.stoppedAt == nil {
                study.status = .active
            } else if tally.inProgress == 0, tally.count(.awaitingReview) == 0 {
                study.status = .completed
            }
        case .unpublished, .scheduled, .publishing, .paused, .completed:
            break
        }
        return study
    }
}
