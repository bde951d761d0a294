@testable import CohortCore
import Testing

/// The completion algorithm and the researcher's transitions, without a store.
@Suite struct SubmissionRulesTests {
    static let group = GroupID("5e9b9c9b0f9c9a5555555555")!
    static let other = GroupID("5e9b9c9b0f9c9a5555555556")!

    static func study(codes: [CompletionCode]) throws -> Study {
        var study = try StudyRulesTests.study(.active)
        study.content.completionCodes = codes
        return study
    }

    static func code(_ code: String?, _ actions: [CodeAction], actor: CodeActor = .participant, type: String = "COMPLETED")
        -> CompletionCode
    {
        CompletionCode(code: code, codeType: type, actions: actions, actor: actor)
    }

    static func submission(_ status: SubmissionStatus, in study: Study) -> Submission {
        Submission(
            id: SubmissionID("5e9b9c9b0f9c9a4444444444")!, workspaceID: study.workspaceID, studyID: study.id,
            participantID: participant(1), createdAt: Timestamp(secondsSince1970: 0), status: status)
    }

    @Test func aCodesActionsRunInOrder() throws {
        let study = try Self.study(codes: [
            Self.code("DONE", [.automaticallyApprove, .addToParticipantGroup(Self.group), .removeFromParticipantGroup(Self.other)]),
            Self.code("SCREEN", [.fixedScreenOutPayment(reward: 10, slots: 2)], type: "FIXED_SCREENOUT"),
            Self.code("BACK", [.manuallyReview, .requestReturn(reason: "Attention check")]),
        ])
        let done = SubmissionCompletion.participant(participant(1), code: "DONE", study: study)
        #expect(done.status == .approved)
        #expect(done.paidCents == study.content.reward)
        #expect(done.groupEdits == [GroupStep(Self.group, .addMembers([participant(1)])), GroupStep(Self.other, .removeMembers([participant(1)]))])
        #expect(done.enteredCode == "DONE")
        let screened = SubmissionCompletion.participant(participant(1), code: "SCREEN", study: study)
        #expect(screened.status == .screenedOut)
        #expect(screened.paidCents == 10)
        #expect(screened.usesScreenOutSlot)
        let back = SubmissionCompletion.participant(participant(1), code: "BACK", study: study)
        #expect(back.status == .awaitingReview)
        #expect(back.returnReason == "Attention check")
        #expect(back.paidCents == 0)
    }

    @Test func anUnknownCodeOrNoneStillCompletesForReview() throws {
        let study = try Self.study(codes: [Self.code("DONE", [.automaticallyApprove])])
        let unknown = SubmissionCompletion.participant(participant(1), code: "done", study: study)
        #expect(unknown.status == .awaitingReview)
        #expect(unknown.enteredCode == "done")
        #expect(unknown.groupEdits.isEmpty && unknown.paidCents == 0)
        let none = SubmissionCompletion.participant(participant(1), code: nil, study: study)
        #expect(none.enteredCode == "NOCODE")
        #expect(none.status == .awaitingReview)
    }

    @Test func aResearcherCodeIsNotAParticipantsAndTheReverse() throws {
        let study = try Self.study(codes: [
            Self.code("R", [.automaticallyApprove], actor: .researcher),
            Self.code("P", [.automaticallyApprove]),
            Self.code("DYN", [.dynamicPayment], actor: .researcher),
        ])
        // A participant coming back with a researcher's code is reviewed, not approved.
        #expect(SubmissionCompletion.participant(participant(1), code: "R", study: study).status == .awaitingReview)
        #expect(try SubmissionCompletion.researcher(participant(1), code: "R", percentage: nil, study: study).status == .approved)
        #expect(throws: CohortError.self) { try SubmissionCompletion.researcher(participant(1), code: "P", percentage: nil, study: study) }
        #expect(throws: CohortError.self) { try SubmissionCompletion.researcher(participant(1), code: "X", percentage: nil, study: study) }
        #expect(throws: CohortError.self) { try SubmissionCompletion.researcher(participant(1), code: nil, percentage: nil, study: study) }
        #expect(throws: CohortError.self) { try SubmissionCompletion.researcher(participant(1), code: "DYN", percentage: nil, study: study) }
        #expect(throws: CohortError.self) { try SubmissionCompletion.researcher(participant(1), code: "DYN", percentage: 7, study: study) }
        #expect(throws: CohortError.self) { try SubmissionCompletion.researcher(participant(1), code: "DYN", percentage: 100, study: study) }
        let partial = try SubmissionCompletion.researcher(participant(1), code: "DYN", percentage: 50, study: study)
        #expect(partial.status == .partiallyApproved)
        #expect(partial.paidCents == study.content.reward / 2)
    }

    @Test func approvalAndRejectionOnlyFromReviewAndTheSameRequestTwiceIsIgnored() throws {
        let study = try Self.study(codes: [Self.code("DONE", [.manuallyReview])])
        let approve = SubmissionTransitions.Request(action: .approve)
        #expect(
            try SubmissionTransitions.decide(approve, on: Self.submission(.awaitingReview, in: study), study: study)
                == .status(.approved, paysCents: study.content.reward, message: nil))
        #expect(try SubmissionTransitions.decide(approve, on: Self.submission(.approved, in: study), study: study) == .unchanged)
        for status in [SubmissionStatus.active, .reserved, .rejected, .returned, .timedOut, .screenedOut] {
            #expect(throws: CohortError.self, "\(status)") {
                try SubmissionTransitions.decide(approve, on: Self.submission(status, in: study), study: study)
            }
        }
        let message = String(repeating: "m", count: 100)
        let reject = SubmissionTransitions.Request(action: .reject, message: message, rejectionCategory: "LOW_EFFORT")
        #expect(
            try SubmissionTransitions.decide(reject, on: Self.submission(.awaitingReview, in: study), study: study)
                == .status(.rejected, paysCents: 0, message: message))
        #expect(try SubmissionTransitions.decide(reject, on: Self.submission(.rejected, in: study), study: study) == .unchanged)
    }

    @Test func aRejectionNamesEveryMissingPart() throws {
        let study = try Self.study(codes: [])
        let short = SubmissionTransitions.Request(action: .reject, message: "too short", rejectionCategory: "NOPE")
        let error = #expect(throws: CohortError.self) {
            try SubmissionTransitions.decide(short, on: Self.submission(.awaitingReview, in: study), study: study)
        }
        let fields = error.flatMap(fieldMessages) ?? [:]
        #expect(fields.keys.sorted() == ["message", "rejection_category"])
    }

    @Test func participantActionsAndTheUndoingOnes() throws {
        var study = try Self.study(codes: [Self.code("S", [.fixedScreenOutPayment(reward: 12, slots: 1)])])
        for action in [SubmissionTransitions.Action.start, .return] {
            #expect(throws: CohortError.self) {
                try SubmissionTransitions.decide(.init(action: action), on: Self.submission(.active, in: study), study: study)
            }
        }
        #expect(
            try SubmissionTransitions.decide(.init(action: .unreject), on: Self.submission(.rejected, in: study), study: study)
                == .status(.awaitingReview, paysCents: 0, message: nil))
        #expect(
            try SubmissionTransitions.decide(.init(action: .screenOut), on: Self.submission(.awaitingReview, in: study), study: study)
                == .status(.screenedOut, paysCents: 12, message: nil))
        study.placesTaken = study.content.totalAvailablePlaces
        #expect(throws: CohortError.self) {
            try SubmissionTransitions.decide(.init(action: .unreturn), on: Self.submission(.returned, in: study), study: study)
        }
        study.placesTaken -= 1
        #expect(
            try SubmissionTransitions.decide(.init(action: .unreturn), on: Self.submission(.returned, in: study), study: study)
                == .status(.awaitingReview, paysCents: 0, message: nil))
        let plain = try Self.study(codes: [])
        #expect(throws: CohortError.self) {
            try SubmissionTransitions.decide(.init(action: .screenOut), on: Self.submission(.awaitingReview, in: plain), study: plain)
        }
    }
}
