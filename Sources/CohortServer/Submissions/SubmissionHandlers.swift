import CohortAPI
import CohortCore

extension APIHandler {
    func getStudySubmissions(_ input: Operations.GetStudySubmissions.Input) async throws -> Operations.GetStudySubmissions.Output {
        let caller = try RequestScope.caller()
        let (listed, all) = try await cohort.submissions.list(
            study: input.path.id, .init(ordering: input.query.ordering), orderings: SubmissionListRules.studyOrderings,
            caller: caller)
        return .ok(.init(body: .json(.init(listed, all: all, meta: ListPage.meta(listed.count), links: nil))))
    }

    func countStudySubmissionsByStatus(_ input: Operations.CountStudySubmissionsByStatus.Input) async throws
        -> Operations.CountStudySubmissionsByStatus.Output
    {
        let tally = try await cohort.submissions.counts(study: input.path.id, caller: try RequestScope.caller())
        return .ok(.init(body: .json(.init(tally))))
    }

    func getSubmissions(_ input: Operations.GetSubmissions.Input) async throws -> Operations.GetSubmissions.Output {
        let caller = try RequestScope.caller()
        let query = input.query
        let flags: [String: String?] = [
            "completed": query.completed, "returned": query.returned, "awaiting_review": query.awaitingReview,
            "approved": query.approved, "active": query.active, "timeout": query.timeout, "rejected": query.rejected,
            "screened_out": query.screenedOut, "completeoractive": query.completeoractive,
        ]
        let asked = SubmissionListRules.Query(
            status: query.status, flags: flags.compactMapValues { $0 }, submittedFrom: query.submittedFrom,
            submittedBefore: query.submittedBefore, ordering: query.ordering)
        let page = try StudyListing.page(page: query.page ?? 1, pageSize: query.pageSize, limit: nil, offset: nil)
        let (matching, all) = try await cohort.submissions.list(
            study: query.study, asked, orderings: SubmissionListRules.listOrderings, caller: caller)
        let slice = Array(matching.dropFirst(page.request.offset).prefix(page.request.limit ?? matching.count))
        return .ok(
            .init(body: .json(.init(slice, all: all, meta: ListPage.meta(matching.count), links: page.links(total: matching.count)))))
    }

    func getSubmission(_ input: Operations.GetSubmission.Input) async throws -> Operations.GetSubmission.Output {
        let submission = try await cohort.submissions.get(input.path.id, caller: try RequestScope.caller())
        return .ok(.init(body: .json(.init(submission))))
    }

    func transitionSubmission(_ input: Operations.TransitionSubmission.Input) async throws -> Operations.TransitionSubmission.Output {
        let caller = try RequestScope.caller()
        guard case .json(let body) = input.body else { throw Self.jsonOnly }
        let request = SubmissionTransitionInput(
            action: body.action, message: body.message,
            rejectionCategory: body.rejectionCategory, completionCode: body.completionCode,
            percentageOfReward: body.completionCodeData?.percentageOfReward)
        let submission = try await cohort.submissions.transition(input.path.id, request, caller: caller)
        return .ok(.init(body: .json(.init(submission))))
    }

    func requestSubmissionReturn(_ input: Operations.RequestSubmissionReturn.Input) async throws
        -> Operations.RequestSubmissionReturn.Output
    {
        let caller = try RequestScope.caller()
        guard case .json(let body) = input.body else { throw Self.jsonOnly }
        let submission = try await cohort.submissions.requestReturn(input.path.id, reasons: body.requestReturnReasons, caller: caller)
        return .ok(
            .init(
                body: .json(
                    .init(
                        id: submission.id.hex, status: .init(submission.status), participant: submission.participantID.hex,
                        returnRequested: submission.returnRequested?.rfc3339))))
    }

    func bulkApproveSubmissions(_ input: Operations.BulkApproveSubmissions.Input) async throws
        -> Operations.BulkApproveSubmissions.Output
    {
        let caller = try RequestScope.caller()
        guard case .json(let body) = input.body else { throw Self.jsonOnly }
        let selection: Submissions.BulkSelection
        switch (body.submissionIds, body.studyId, body.participantIds) {
        case (let ids?, nil, nil):
            selection = .submissions(ids)
        case (nil, let study?, let participants):
            selection = .participants(study: study, participants ?? [])
        default:
            throw CohortError.invalid(
                "submission_ids", "Give either submission_ids, or study_id with participant_ids.")
        }
        _ = try await cohort.submissions.bulkApprove(selection, caller: caller)
        return .ok(.init(body: .json("The submissions have been approved.")))
    }

    func createTestStudy(_ input: Operations.CreateTestStudy.Input) async throws -> Operations.CreateTestStudy.Output {
        let study = try await cohort.testStudies.create(from: input.path.id, caller: try RequestScope.caller())
        let origin = RequestScope.current?.url.origin ?? ""
        return .ok(.init(body: .json(.init(studyId: study.id.hex, studyUrl: "\(origin)/_cohort/take/\(study.id.hex)"))))
    }
}
