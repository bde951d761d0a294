import CohortAPI
import CohortCore
import Foundation

extension APIHandler {
    func getStudies(_ input: Operations.GetStudies.Input) async throws -> Operations.GetStudies.Output {
        let caller = try RequestScope.caller()
        let query = input.query
        let status = try StudyListing.status(
            state: query.state?.rawValue, published: query.published, active: query.active, completed: query.completed)
        let page = try StudyListing.page(page: query.page, pageSize: query.pageSize, limit: query.limit, offset: query.offset)
        let studies: Page<Study>
        if let status {
            studies = try await cohort.studies.list(status: status, page: page.request, caller: caller)
        } else {
            studies = Page(items: [], total: 0)  // No study is ever in the UNKNOWN state.
        }
        return .ok(.init(body: .json(listResponse(studies, page))))
    }

    func getProjectStudies(_ input: Operations.GetProjectStudies.Input) async throws -> Operations.GetProjectStudies.Output {
        let caller = try RequestScope.caller()
        let query = input.query
        let page = try StudyListing.page(page: query.page, pageSize: query.pageSize, limit: query.limit, offset: query.offset)
        let studies = try await cohort.studies.list(project: input.path.projectId, page: page.request, caller: caller)
        return .ok(.init(body: .json(listResponse(studies, page))))
    }

    func createStudy(_ input: Operations.CreateStudy.Input) async throws -> Operations.CreateStudy.Output {
        let caller = try RequestScope.caller()
        guard case .json(let body) = input.body else { throw Self.jsonOnly }
        let study = try await cohort.studies.create(try StudyInput(body), caller: caller)
        return .created(.init(body: .json(wire(study))))
    }

    func getStudy(_ input: Operations.GetStudy.Input) async throws -> Operations.GetStudy.Output {
        let caller = try RequestScope.caller()
        let study = try await cohort.studies.get(input.path.id, caller: caller)
        return .ok(.init(body: .json(wire(study))))
    }

    func updateStudy(_ input: Operations.UpdateStudy.Input) async throws -> Operations.UpdateStudy.Output {
        let caller = try RequestScope.caller()
        guard case .json(let body) = input.body else { throw Self.jsonOnly }
        let study = try await cohort.studies.update(input.path.id, try StudyInput(body), caller: caller)
        return .ok(.init(body: .json(wire(study))))
    }

    func deleteStudy(_ input: Operations.DeleteStudy.Input) async throws -> Operations.DeleteStudy.Output {
        try await cohort.studies.delete(input.path.id, caller: try RequestScope.caller())
        return .ok(.init(body: .json(.init())))
    }

    func deleteProjectStudy(_ input: Operations.DeleteProjectStudy.Input) async throws -> Operations.DeleteProjectStudy.Output {
        try await cohort.studies.delete(input.path.studyId, inProject: input.path.projectId, caller: try RequestScope.caller())
        return .noContent(.init())
    }

    func publishStudy(_ input: Operations.PublishStudy.Input) async throws -> Operations.PublishStudy.Output {
        let caller = try RequestScope.caller()
        guard case .json(let body) = input.body else { throw Self.jsonOnly }
        let study = try await cohort.studies.transition(
            input.path.id, StudyTransitionInput(action: body.action, publishAt: body.publishAt.map(Timestamp.init)?.rfc3339),
            caller: caller)
        return .ok(.init(body: .json(wire(study))))
    }

    func duplicateStudy(_ input: Operations.DuplicateStudy.Input) async throws -> Operations.DuplicateStudy.Output {
        let caller = try RequestScope.caller()
        var blockPrevious = true
        if case .json(let body)? = input.body { blockPrevious = body.blockPreviousParticipants ?? true }
        let study = try await cohort.studies.duplicate(input.path.id, blockPrevious: blockPrevious, caller: caller)
        return .ok(.init(body: .json(wire(study))))
    }

    func getStudyCost(_ input: Operations.GetStudyCost.Input) async throws -> Operations.GetStudyCost.Output {
        let cost = try await cohort.studies.cost(
            input.path.id, projected: input.query.isProjected ?? false, caller: try RequestScope.caller())
        return .ok(
            .init(
                body: .json(
                    .init(rewards: .init(cost.rewards, currency: cost.currency), bonuses: .init(cost.bonuses, currency: cost.currency)))))
    }

    func calculateStudyCost(_ input: Operations.CalculateStudyCost.Input) async throws -> Operations.CalculateStudyCost.Output {
        _ = try RequestScope.caller()
        guard case .json(let body) = input.body else { throw Self.jsonOnly }
        let cost = try cohort.studies.calculateCost(reward: body.reward, places: body.totalAvailablePlaces)
        return .ok(.init(body: .json(.init(totalCost: cost.total))))
    }

    func getWorkspaceBalance(_ input: Operations.GetWorkspaceBalance.Input) async throws -> Operations.GetWorkspaceBalance.Output {
        let (wallet, currency) = try await cohort.studies.balance(workspace: input.path.workspaceId, caller: try RequestScope.caller())
        return .ok(.init(body: .json(.init(wallet, currency: currency, money: cohort.money))))
    }

    func getStudyPredictedRecruitmentTime(_ input: Operations.GetStudyPredictedRecruitmentTime.Input) async throws
        -> Operations.GetStudyPredictedRecruitmentTime.Output
    {
        let caller = try RequestScope.caller()
        let study = try await cohort.studies.get(input.path.id, caller: caller)
        let content = study.content
        return .ok(
            .init(
                body: .json(
                    StudyListing.prediction(
                        places: content.totalAvailablePlaces, reward: content.reward, minutes: content.estimatedCompletionTime,
                        filters: content.filters?.count ?? 0, currency: study.currency))))
    }

    func postStudyPredictedRecruitmentTime(_ input: Operations.PostStudyPredictedRecruitmentTime.Input) async throws
        -> Operations.PostStudyPredictedRecruitmentTime.Output
    {
        let caller = try RequestScope.caller()
        guard case .json(let body) = input.body else { throw Self.jsonOnly }
        let currency = try await cohort.studies.currency(of: body.workspaceId, caller: caller)
        let estimate = try StudyCosts.estimateInput(
            reward: body.reward, places: body.totalAvailablePlaces, minutes: body.estimatedCompletionTime)
        return .ok(
            .init(
                body: .json(
                    StudyListing.prediction(
                        places: estimate.places, reward: estimate.reward, minutes: estimate.minutes, filters: body.filters.count,
                        currency: currency))))
    }

    func calculateRewardRecommendations(_ input: Operations.CalculateRewardRecommendations.Input) async throws
        -> Operations.CalculateRewardRecommendations.Output
    {
        let caller = try RequestScope.caller()
        _ = try await cohort.studies.currency(of: input.query.workspaceId, caller: caller)
        let currency: CurrencyCode = input.query.currency == .gbp ? .gbp : .usd
        let screeners = input.query.screenerIds?.split(separator: ",").filter { !$0.isEmpty }.count ?? 0
        let rates = StudyCosts.recommendedHourlyReward(currency: currency, screeners: screeners)
        return .ok(
            .init(
                body: .json([
                    .init(
                        currency: currency == .gbp ? .gbp : .usd, minRewardPerHour: rates.minimum,
                        recommendedRewardPerHour: rates.recommended)
                ])))
    }

    // MARK: Mapping

    private func wire(_ study: Study) -> WireStudy {
        WireStudy(study, money: cohort.money, baseURL: RequestScope.current?.url.origin)
    }

    private func listResponse(_ studies: Page<Study>, _ page: StudyListing.Paging) -> Components.Schemas.StudiesListResponse {
        .init(
            results: studies.items.map { WireStudyShort($0, money: cohort.money) }, meta: ListPage.meta(studies.total),
            _links: page.links(total: studies.total))
    }
}
