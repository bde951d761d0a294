/// A submission's status machine on the researcher's side (`transition-submission`,
/// lifecycle.md §3.2). Pure: the use case carries the outcome out, with the money and the
/// study's counts, in one transaction.
public enum SubmissionTransitions {
    public enum Action: String, RequestAction {
        case approve = "APPROVE"
        case complete = "COMPLETE"
        case reject = "REJECT"
        case `return` = "RETURN"
        case start = "START"
        case screenOut = "SCREEN_OUT"
        case unreject = "UNREJECT"
        case unreturn = "UNRETURN"
    }

    public static let rejectionCategories = [
        "TOO_QUICKLY", "TOO_SLOWLY", "FAILED_INSTRUCTIONS", "INCOMP_LONGITUDINAL", "FAILED_CHECK", "LOW_EFFORT",
        "MALINGERING", "NO_CODE", "BAD_CODE", "NO_DATA", "UNSUPP_DEVICE", "OTHER",
    ]

    /// A rejection's message is at least this long (the document's `SubmissionTransition.message`).
    public static let minimumRejectionMessage = 100

    /// What a researcher's request asks for, as sent.
    public struct Request: Hashable, Sendable {
        public var action: Action
        public var message: String?
        public var rejectionCategory: String?
        public var completionCode: String?
        public var percentageOfReward: Double?

        public init(
            action: Action, message: String? = nil, rejectionCategory: String? = nil, completionCode: String? = nil,
            percentageOfReward: Double? = nil
        ) {
            self.action = action
            self.message = message
            self.rejectionCategory = rejectionCategory
            self.completionCode = completionCode
            self.percentageOfReward = percentageOfReward
        }
    }

    /// What the transition does.
    public enum Outcome: Hashable, Sendable {
        /// The same request made again: ignored, as the document says, and answered with the
        /// submission as it is.
        case unchanged
        /// A new status, with the cents of reward it pays (approval) and the message it sends the
        /// participant (rejection).
        case status(SubmissionStatus, paysCents: Int, message: String?)
        /// A researcher's completion code, carried out like a participant's.
        case completion(CompletionOutcome)
    }

    /// The outcome of `request` on `submission`, or a 400 naming why it cannot be taken now.
    public static func decide(_ request: Request, on submission: Submission, study: Study) throws(CohortError) -> Outcome {
        let status = submission.status
        switch request.action {
        case .start, .return:
            throw CohortError(
                .invalidTransition,
                .message(
                    "\(request.action.rawValue) is the participant's action; a researcher cannot take it (the sandbox can: docs/sandbox.md)."))
        case .approve:
            if status == .approved { return .unchanged }
            guard status == .awaitingReview else { throw refusal(request.action, status) }
            return .status(.approved, paysCents: study.content.reward, message: nil)
        case .reject:
            var errors = FieldErrors()
            let message = request.message ?? ""
            if message.count < minimumRejectionMessage {
                errors.add("message", "A rejection needs a message of at least \(minimumRejectionMessage) characters.")
            }
            if let category = request.rejectionCategory {
                if !rejectionCategories.contains(category) {
                    errors.add("rejection_category", StudyRules.choiceMessage(category, rejectionCategories))
                }
            } else {
                errors.add("rejection_category", "A rejection needs a rejection_category.")
            }
            try errors.throwIfAny()
            if status == .rejected { return .unchanged }
            guard status == .awaitingReview else { throw refusal(request.action, status) }
            return .status(.rejected, paysCents: 0, message: message)
        case .complete:
            guard status == .active || status == .awaitingReview || status == .timedOut else {
                throw refusal(request.action, status)
            }
            let percentage = request.percentageOfReward.map { Int($0.rounded()) }
            return .completion(
                try SubmissionCompletion.researcher(
                    submission.participantID, code: request.completionCode, percentage: percentage, study: study))
        case .screenOut:
            if status == .screenedOut { return .unchanged }
            guard status == .awaitingReview else { throw refusal(request.action, status) }
            guard let reward = study.content.fixedScreenOut?.reward else {
                throw CohortError(
                    .invalidTransition,
                    .message("A submission can be screened out only in a study with a FIXED_SCREEN_OUT_PAYMENT code."))
            }
            return .status(.screenedOut, paysCents: reward, message: nil)
        case .unreject:
            if status == .awaitingReview { return .unchanged }
            guard status == .rejected else { throw refusal(request.action, status) }
            return .status(.awaitingReview, paysCents: 0, message: nil)
        case .unreturn:
            if status == .awaitingReview { return .unchanged }
            guard status == .returned else { throw refusal(request.action, status) }
            guard study.placesTaken < study.content.totalAvailablePlaces else {
                throw CohortError(
                    .invalidTransition, .message("The study has no place left for the returned submission to take back."))
            }
            return .status(.awaitingReview, paysCents: 0, message: nil)
        }
    }

    static func refusal(_ action: Action, _ status: SubmissionStatus) -> CohortError {
        CohortError(
            .invalidTransition, .message("A submission that is \(status.rawValue) cannot take the action \(action.rawValue)."))
    }
}
