/// A study's status machine and the money that moves with it. Explicit actions come from
/// `publish-study`; ``due(_:now:)`` makes the automatic ones (a scheduled study going live).
public enum StudyTransitions {
    public enum Action: String, RequestAction {
        case publish = "PUBLISH"
        case schedulePublish = "SCHEDULE_PUBLISH"
        case cancelPublish = "CANCEL_PUBLISH"
        case pause = "PAUSE"
        case start = "START"
        case stop = "STOP"
    }

    /// The study and wallet after `action`, or a 400 naming why it cannot be taken now; nothing
    /// is changed by a refusal.
    public static func apply(
        _ action: Action, publishAt: Timestamp?, to study: Study, wallet: Wallet, now: Timestamp, settings: MoneySettings
    ) throws(CohortError) -> (Study, Wallet) {
        var study = study
        var wallet = wallet
        switch (action, study.status) {
        case (.publish, .unpublished), (.schedulePublish, .unpublished):
            if action == .schedulePublish {
                guard let publishAt else {
                    throw CohortError.invalid("publish_at", "A publish_at time is needed to schedule publishing.")
                }
                guard publishAt > now else { throw CohortError.invalid("publish_at", "publish_at must be in the future.") }
            }
            let cost = StudyCosts.placesCost(study.content, settings: settings).total
            guard wallet.availableCents >= cost else { throw insufficientBalance(cost: cost, wallet: wallet) }
            wallet.reservedCents += cost
            study.reservedCents = cost
            if action == .publish {
                study.status = .active
                study.publishedAt = now
                study.publishAt = nil
            } else {
                study.status = .scheduled
                study.publishAt = publishAt
            }
        case (.cancelPublish, .scheduled):
            wallet.reservedCents -= study.reservedCents
            study.reservedCents = 0
            study.status = .unpublished
            study.publishAt = nil
        case (.pause, .active):
            study.status = .paused
        case (.start, .paused):
            study.status = .active
        case (.stop, .active), (.stop, .paused):
            // What the places already taken may still cost stays held; the rest is released.
            let kept = min(study.reservedCents, StudyCosts.cost(places: study.placesTaken, of: study.content, settings: settings).total)
            wallet.reservedCents -= study.reservedCents - kept
            study.reservedCents = kept
            // Reviews still to do keep it AWAITING REVIEW (as Mephisto saw Prolific do); it is
            // COMPLETED when they are done (``StudyProgress``).
            let tally = study.submissions
            study.status = tally.count(.awaitingReview) + tally.inProgress > 0 ? .awaitingReview : .completed
            study.stoppedAt = now
        default:
            throw CohortError(
                .invalidTransition, "A study cannot take the action \(action.rawValue) while it is \(study.status.rawValue).")
        }
        return (study, wallet)
    }

    /// A published study whose places went up: the added places are paid for from the wallet, and
    /// a completed or reviewed study recruits again (Prolific's `update-study`).
    public static func placesIncreased(
        from before: StudyContent, to study: Study, wallet: Wallet, settings: MoneySettings
    ) throws(CohortError) -> (Study, Wallet) {
        var study = study
        var wallet = wallet
        let added = study.content.totalAvailablePlaces - before.totalAvailablePlaces
        guard added > 0, study.status != .unpublished else { return (study, wallet) }
        let cost = StudyCosts.cost(places: added, of: study.content, settings: settings).total
        guard wallet.availableCents >= cost else { throw insufficientBalance(cost: cost, wallet: wallet) }
        wallet.reservedCents += cost
        study.reservedCents += cost
        if study.status == .completed || study.status == .awaitingReview {
            study.status = .active
            study.stoppedAt = nil
        }
        return (study, wallet)
    }

    /// The study as the clock has moved it: a scheduled study whose `publish_at` has passed is
    /// active since then. `nil` when nothing is due.
    public static func due(_ study: Study, now: Timestamp) -> Study? {
        guard study.status == .scheduled, let publishAt = study.publishAt, publishAt <= now else { return nil }
        var study = study
        study.status = .active
        study.publishedAt = publishAt
        study.publishAt = nil
        return study
    }

    static func insufficientBalance(cost: Int, wallet: Wallet) -> CohortError {
        CohortError(
            .insufficientBalance,
            "The workspace's available balance (\(wallet.availableCents) cents) does not cover this study (\(cost) cents).")
    }
}
