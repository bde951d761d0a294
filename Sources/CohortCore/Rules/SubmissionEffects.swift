/// What a submission's change does around it, in the transaction that makes it: the study's
/// counts and automatic status, its settle bound, and the money (lifecycle.md §3.2, "Approval
/// spends money"). Pure.
public enum SubmissionEffects {
    /// The submission, its study and the wallet after `submission` moved to `status`, paying
    /// `paysCents` of reward (an approval, a screen-out's fixed reward, a share of a dynamic
    /// payment).
    public static func move(
        _ submission: Submission, to status: SubmissionStatus, paying paysCents: Int, usesScreenOutSlot: Bool = false,
        study: Study, wallet: Wallet, settings: MoneySettings
    ) -> (Submission, Study, Wallet) {
        var submission = submission
        let old = submission.status
        submission.status = status
        var study = StudyProgress.moved(study, from: old, to: status, usesScreenOutSlot: usesScreenOutSlot)
        var wallet = wallet
        if paysCents > 0 {
            submission.rewardPaidCents += paysCents
            (study, wallet) = spend(CostBreakdown(paying: paysCents, settings: settings), onRewards: true, study: study, wallet: wallet)
        }
        study.settleAfter = SubmissionDeadlines.bound(study.settleAfter, adding: submission, in: study)
        (study, wallet) = releasedIfDone(study, wallet: wallet)
        return (submission, study, wallet)
    }

    /// A new submission in the study: counted, and its deadline in the study's bound.
    public static func taken(_ submission: Submission, study: Study) -> Study {
        var study = StudyProgress.moved(study, from: nil, to: submission.status)
        study.settleAfter = SubmissionDeadlines.bound(study.settleAfter, adding: submission, in: study)
        return study
    }

    /// Spends `cost` from the wallet: first from what the study holds of it (rewards were
    /// reserved when it was published), the rest from what is available.
    public static func spend(_ cost: CostBreakdown, onRewards: Bool, study: Study, wallet: Wallet) -> (Study, Wallet) {
        var study = study
        var wallet = wallet
        let fromReserve = onRewards ? min(cost.total, study.reservedCents, wallet.reservedCents) : 0
        study.reservedCents -= fromReserve
        wallet.reservedCents -= fromReserve
        wallet.totalCents -= cost.total
        if onRewards {
            study.spentOnRewards = (study.spentOnRewards ?? .zero) + cost
        } else {
            study.spentOnBonuses = (study.spentOnBonuses ?? .zero) + cost
        }
        return (study, wallet)
    }

    /// A study that has completed holds nothing of its wallet any more: what its places did not
    /// spend (rounding, rejections, screen-outs paid less) is released.
    public static func releasedIfDone(_ study: Study, wallet: Wallet) -> (Study, Wallet) {
        guard study.status == .completed, study.reservedCents > 0 else { return (study, wallet) }
        var study = study
        var wallet = wallet
        wallet.reservedCents -= min(study.reservedCents, wallet.reservedCents)
        study.reservedCents = 0
        return (study, wallet)
    }
}
