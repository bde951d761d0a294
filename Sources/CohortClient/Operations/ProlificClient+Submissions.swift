import Foundation

public typealias Submission = WireSubmission
public typealias SubmissionDetail = WireSubmissionDetail
public typealias SubmissionSummary = WireSubmissionShort
public typealias SubmissionStatus = Components.Schemas.SubmissionStatus
public typealias SubmissionCounts = Components.Schemas.SubmissionsCountResponse
public typealias TestStudy = Components.Schemas.TestStudySetUpResponse
public typealias ReturnRequested = WireReturnRequested

/// A researcher's change to a submission (`transition-submission`).
public enum SubmissionAction: Sendable, Hashable {
    case approve
    /// `message` (at least 100 characters) goes to the participant.
    case reject(message: String, category: String)
    /// With a researcher-actor completion code of the study; `percentageOfReward` and
    /// `messageToParticipant` for a `DYNAMIC_PAYMENT` code.
    case complete(code: String, percentageOfReward: Double? = nil, messageToParticipant: String? = nil)
    case screenOut
    case unreject
    case unreturn

    var body: Components.Schemas.SubmissionTransition {
        switch self {
        case .approve: return .init(action: "APPROVE")
        case .reject(let message, let category): return .init(action: "REJECT", message: message, rejectionCategory: category)
        case .complete(let code, let percentage, let message):
            let data = percentage == nil && message == nil
                ? nil : Components.Schemas.SubmissionTransition.CompletionCodeDataPayload(
                    percentageOfReward: percentage, messageToParticipant: message)
            return .init(action: "COMPLETE", completionCode: code, completionCodeData: data)
        case .screenOut: return .init(action: "SCREEN_OUT")
        case .unreject: return .init(action: "UNREJECT")
        case .unreturn: return .init(action: "UNRETURN")
        }
    }
}

/// Which submissions of a study `submissions(inStudy:matching:)` lists; each field left nil is
/// not filtered on.
public struct SubmissionQuery: Sendable, Hashable {
    public var status: SubmissionStatus?
    public var completed: Bool?
    public var returned: Bool?
    public var awaitingReview: Bool?
    public var approved: Bool?
    public var active: Bool?
    public var timedOut: Bool?
    public var rejected: Bool?
    public var screenedOut: Bool?
    /// Completed on or after this day, `DD/MM/YYYY`.
    public var submittedFrom: String?
    /// Completed before this day, `DD/MM/YYYY`.
    public var submittedBefore: String?
    /// `started_at`, `submission_reward` or `study_name`, `-` first for descending.
    public var ordering: String?

    public init(status: SubmissionStatus? = nil, ordering: String? = nil) {
        self.status = status
        self.ordering = ordering
    }
}

extension ProlificClient {
    /// Every submission of a study, in the order the places were taken unless `ordering` says.
    public func submissions(ofStudy study: String, ordering: String? = nil) async throws -> [SubmissionSummary] {
        try await call {
            try await client.getStudySubmissions(path: .init(id: study), query: .init(ordering: ordering)).ok.body.json.results
        }
    }

    /// The submissions of a study that match `query`, fetched page by page (`page`, `page_size`).
    public func submissions(inStudy study: String, matching query: SubmissionQuery = .init()) -> PagedSequence<SubmissionSummary> {
        let flag: @Sendable (Bool?) -> String? = { value in value.map { $0 ? "true" : "false" } }
        return PagedSequence(pageSize: configuration.pageSize) { limit, offset, _ in
            let body = try await call {
                try await client.getSubmissions(
                    query: .init(
                        study: study, status: query.status?.rawValue, completed: flag(query.completed),
                        returned: flag(query.returned), awaitingReview: flag(query.awaitingReview),
                        approved: flag(query.approved), active: flag(query.active), timeout: flag(query.timedOut),
                        rejected: flag(query.rejected), screenedOut: flag(query.screenedOut),
                        submittedFrom: query.submittedFrom, submittedBefore: query.submittedBefore,
                        ordering: query.ordering, page: offset / limit + 1, pageSize: limit)
                ).ok.body.json
            }
            return .init(
                items: body.results,
                hasMore: PagedSequence<SubmissionSummary>.hasMore(
                    received: body.results.count, limit: limit, offset: offset, total: body.meta?.count,
                    nextLink: body._links?.next.map(\.href)))
        }
    }

    public func submission(_ id: String) async throws -> SubmissionDetail {
        try await call { try await client.getSubmission(path: .init(id: id)).ok.body.json }
    }

    /// A study's submissions counted by status, with `TOTAL`.
    public func submissionCounts(ofStudy study: String) async throws -> SubmissionCounts {
        try await call { try await client.countStudySubmissionsByStatus(path: .init(id: study)).ok.body.json }
    }

    /// Approves, rejects, completes or screens out a submission; the same change twice leaves it as it is.
    public func transitionSubmission(_ id: String, _ action: SubmissionAction) async throws -> Submission {
        try await call { try await client.transitionSubmission(path: .init(id: id), body: .json(action.body)).ok.body.json }
    }

    /// Asks the participant to return their place, with these reasons; the status does not change.
    public func requestReturn(ofSubmission id: String, reasons: [String]) async throws -> ReturnRequested {
        try await call {
            try await client.requestSubmissionReturn(path: .init(id: id), body: .json(.init(requestReturnReasons: reasons)))
                .ok.body.json
        }
    }

    /// Approves these submissions at once, all or none (at most 1,000).
    public func bulkApprove(submissions ids: [String]) async throws {
        _ = try await call { try await client.bulkApproveSubmissions(body: .json(.init(submissionIds: ids))).ok }
    }

    /// Approves the submissions of these participants in a study at once, all or none (at most 1,000).
    public func bulkApprove(study: String, participants ids: [String]) async throws {
        _ = try await call {
            try await client.bulkApproveSubmissions(body: .json(.init(studyId: study, participantIds: ids))).ok
        }
    }

    /// A new ACTIVE study made from a draft, open only to the workspace's test participants.
    public func createTestStudy(from draft: String) async throws -> TestStudy {
        try await call { try await client.createTestStudy(path: .init(id: draft)).ok.body.json }
    }
}
