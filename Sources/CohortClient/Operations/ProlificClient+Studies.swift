import Foundation

public typealias Study = WireStudy
public typealias StudySummary = WireStudyShort
/// A create or update body: every field optional, as Prolific's `CreateStudy` / `BaseStudy`.
public typealias StudyBody = WireStudyBody
public typealias CompletionCode = WireCompletionCode
public typealias CompletionCodeAction = WireCompletionCodeAction
public typealias StudyFilter = WireStudyFilter
public typealias StudyState = Components.Parameters.StudyState
public typealias WorkspaceBalance = Components.Schemas.WorkspaceBalance
public typealias StudyTotalCost = Components.Schemas.StudyTotalCost
public typealias RecruitmentTimePrediction = Components.Schemas.StudyPredictedRecruitmentTimeResponse
public typealias RewardRecommendation = Components.Schemas.RewardRecommendation

/// The actions of `publish-study`.
public enum StudyAction: String, Sendable, CaseIterable {
    case publish = "PUBLISH"
    case schedulePublish = "SCHEDULE_PUBLISH"
    case cancelPublish = "CANCEL_PUBLISH"
    case pause = "PAUSE"
    case start = "START"
    case stop = "STOP"
}

extension ProlificClient {
    /// The caller's studies, optionally in one state, fetched page by page.
    public func studies(state: StudyState? = nil) -> PagedSequence<StudySummary> {
        PagedSequence(pageSize: configuration.pageSize) { limit, offset, _ in
            let body = try await call {
                try await client.getStudies(query: .init(state: state, limit: limit, offset: offset)).ok.body.json
            }
            return .init(
                items: body.results,
                hasMore: PagedSequence<StudySummary>.hasMore(
                    received: body.results.count, limit: limit, offset: offset, total: body.meta?.count,
                    nextLink: body._links?.next.map(\.href)))
        }
    }

    /// The studies of a project, fetched page by page.
    public func studies(inProject project: String) -> PagedSequence<StudySummary> {
        PagedSequence(pageSize: configuration.pageSize) { limit, offset, _ in
            let body = try await call {
                try await client.getProjectStudies(path: .init(projectId: project), query: .init(limit: limit, offset: offset))
                    .ok.body.json
            }
            return .init(
                items: body.results,
                hasMore: PagedSequence<StudySummary>.hasMore(
                    received: body.results.count, limit: limit, offset: offset, total: body.meta?.count,
                    nextLink: body._links?.next.map(\.href)))
        }
    }

    public func study(_ id: String) async throws -> Study {
        try await call { try await client.getStudy(path: .init(id: id)).ok.body.json }
    }

    /// A new draft; `body` needs Prolific's required fields.
    public func createStudy(_ body: StudyBody) async throws -> Study {
        try await call { try await client.createStudy(body: .json(body)).created.body.json }
    }

    /// Changes the fields `body` sets (a draft: any; a published study: those Prolific allows).
    public func updateStudy(_ id: String, _ body: StudyBody) async throws -> Study {
        try await call { try await client.updateStudy(path: .init(id: id), body: .json(body)).ok.body.json }
    }

    /// Deletes a draft; with `project`, through the project's path (Prolific's 204 form).
    public func deleteStudy(_ id: String, inProject project: String? = nil) async throws {
        if let project {
            _ = try await call {
                try await client.deleteProjectStudy(path: .init(projectId: project, studyId: id)).noContent
            }
        } else {
            _ = try await call { try await client.deleteStudy(path: .init(id: id)).ok }
        }
    }

    /// One of `publish-study`'s actions; `publishAt` for ``StudyAction/schedulePublish``.
    public func transitionStudy(_ id: String, _ action: StudyAction, publishAt: Date? = nil) async throws -> Study {
        try await call {
            try await client.publishStudy(path: .init(id: id), body: .json(.init(action: action.rawValue, publishAt: publishAt)))
                .ok.body.json
        }
    }

    /// A new draft with the study's fields; by default blocking the original's participants.
    public func duplicateStudy(_ id: String, blockPreviousParticipants: Bool = true) async throws -> Study {
        try await call {
            try await client.duplicateStudy(
                path: .init(id: id), body: .json(.init(blockPreviousParticipants: blockPreviousParticipants))
            ).ok.body.json
        }
    }

    /// What a study has cost so far; with `projected`, what its places will cost.
    public func studyCost(_ id: String, projected: Bool = false) async throws -> StudyTotalCost {
        try await call { try await client.getStudyCost(path: .init(id: id), query: .init(isProjected: projected)).ok.body.json }
    }

    /// What `places` places at `reward` cents would cost, fees and VAT included, in cents.
    public func calculateStudyCost(reward: Int, places: Int) async throws -> Int {
        try await call {
            try await client.calculateStudyCost(
                body: .json(.init(reward: Double(reward), totalAvailablePlaces: Double(places)))
            ).ok.body.json.totalCost
        }
    }

    public func predictedRecruitmentTime(study id: String) async throws -> RecruitmentTimePrediction {
        try await call { try await client.getStudyPredictedRecruitmentTime(path: .init(id: id)).ok.body.json }
    }

    public func predictedRecruitmentTime(
        workspace: String, reward: Int, places: Int, estimatedMinutes: Int, filters: [StudyFilter] = []
    ) async throws -> RecruitmentTimePrediction {
        let body = Components.Schemas.StudyPredictedRecruitmentTimeRequest(
            filters: filters, workspaceId: workspace, reward: Double(reward), studyType: "SINGLE",
            totalAvailablePlaces: Double(places), estimatedCompletionTime: Double(estimatedMinutes))
        return try await call { try await client.postStudyPredictedRecruitmentTime(body: .json(body)).ok.body.json }
    }

    public func rewardRecommendations(workspace: String, currency: String, screenerIDs: [String] = []) async throws
        -> [RewardRecommendation]
    {
        let currency = Operations.CalculateRewardRecommendations.Input.Query.CurrencyPayload(rawValue: currency) ?? .gbp
        return try await call {
            try await client.calculateRewardRecommendations(
                query: .init(
                    workspaceId: workspace, currency: currency,
                    screenerIds: screenerIDs.isEmpty ? nil : screenerIDs.joined(separator: ","))
            ).ok.body.json
        }
    }

    public func balance(ofWorkspace workspace: String) async throws -> WorkspaceBalance {
        try await call { try await client.getWorkspaceBalance(path: .init(workspaceId: workspace)).ok.body.json }
    }

    /// Sets a sandbox workspace's `total_balance` (cents); the client's token must be the
    /// sandbox's admin token. Prolific has no such operation.
    public func setSandboxBalance(ofWorkspace workspace: String, totalCents: Int) async throws -> WorkspaceBalance {
        try await call {
            try await client.setSandboxWallet(path: .init(workspaceId: workspace), body: .json(.init(totalBalance: totalCents)))
                .ok.body.json
        }
    }
}
