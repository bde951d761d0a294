/// What coming back with a completion code does to a submission (lifecycle.md §3.3): the code's
/// actions, in order. Pure: the use case carries the outcome out in one transaction.
public struct CompletionOutcome: Hashable, Sendable {
    public var status: SubmissionStatus
    /// The code as entered, or ``Submission/noCode``.
    public var enteredCode: String
    /// Group edits, in the code's order.
    public var groupEdits: [GroupStep]
    /// The reason of a `REQUEST_RETURN` action.
    public var returnReason: String?
    /// Cents of reward paid now: the reward on an automatic approval, the fixed reward on a
    /// screen-out.
    public var paidCents: Int
    /// Whether a fixed screen-out slot is used up.
    public var usesScreenOutSlot: Bool
}

/// One group edit a completion makes.
public struct GroupStep: Hashable, Sendable {
    public let group: GroupID
    public let operation: GroupOperation

    public init(_ group: GroupID, _ operation: GroupOperation) {
        self.group = group
        self.operation = operation
    }
}

public enum SubmissionCompletion {
    /// The outcome of `participant` coming back with `code` (nil: none). A code no
    /// participant-actor code of the study matches still completes the submission, for review,
    /// with the code as entered (Prolific's `BAD_CODE` and `NO_CODE` rejection categories exist
    /// for exactly these).
    public static func participant(_ participant: ParticipantID, code: String?, study: Study) -> CompletionOutcome {
        let entered = code ?? Submission.noCode
        let match = study.content.completionCodes.first {
            $0.actor == .participant && $0.code == code
        }
        guard let match else { return review(entered) }
        return outcome(of: match, entered: entered, participant: participant, study: study)
    }

    /// The outcome of a researcher's `COMPLETE` with `code`, which must be one of the study's
    /// researcher-actor codes; a `DYNAMIC_PAYMENT` code needs `percentage` (8 to 99).
    public static func researcher(
        _ participant: ParticipantID, code: String?, percentage: Int?, study: Study
    ) throws(CohortError) -> CompletionOutcome {
        guard let code, !code.isEmpty else {
            throw CohortError.invalid("completion_code", "A completion_code is needed to complete a submission.")
        }
        guard let match = study.content.completionCodes.first(where: { $0.code == code }) else {
            throw CohortError.invalid("completion_code", "\(code) is not a completion code of this study.")
        }
        guard match.actor == .researcher else {
            throw CohortError.invalid("completion_code", "\(code) is a participant's code; only a code whose actor is researcher may be used.")
        }
        var result = outcome(of: match, entered: code, participant: participant, study: study)
        if match.actions.contains(.dynamicPayment) {
            guard let percentage else {
                throw CohortError.invalid(
                    "completion_code_data", "percentage_of_reward is needed for a code with a DYNAMIC_PAYMENT action.")
            }
            guard (8...99).contains(percentage) else {
                throw CohortError.invalid("completion_code_data", "percentage_of_reward must be between 8 and 99.")
            }
            result.status = .partiallyApproved
            result.paidCents = study.content.reward * percentage / 100
        }
        return result
    }

    private static func review(_ entered: String) -> CompletionOutcome {
        CompletionOutcome(
            status: .awaitingReview, enteredCode: entered, groupEdits: [], returnReason: nil, paidCents: 0,
            usesScreenOutSlot: false)
    }

    private static func outcome(of code: CompletionCode, entered: String, participant: ParticipantID, study: Study)
        -> CompletionOutcome
    {
        var result = review(entered)
        for action in code.actions {
            switch action {
            case .manuallyReview, .dynamicPayment:
                result.status = .awaitingReview
            case .automaticallyApprove:
                result.status = .approved
                result.paidCents = study.content.reward
            case .addToParticipantGroup(let group):
                result.groupEdits.append(GroupStep(group, .addMembers([participant])))
            case .removeFromParticipantGroup(let group):
                result.groupEdits.append(GroupStep(group, .removeMembers([participant])))
            case .requestReturn(let reason):
                result.returnReason = reason
            case .fixedScreenOutPayment(let reward, _):
                result.status = .screenedOut
                result.paidCents = reward
                result.usesScreenOutSlot = true
            }
        }
        return result
    }
}
