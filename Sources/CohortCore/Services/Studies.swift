/// The study use cases: drafts, their status machine and the wallet it moves, on the plain
/// records every store keeps. Bodies arrive as sent (``StudyInput``) and are validated here.
public struct Studies: Sendable {
    let store: any CohortStore
    let clock: any CohortClock
    let money: MoneySettings
    let records: PlainResources<Study>

    public init(store: any CohortStore, clock: any CohortClock = SystemClock(), money: MoneySettings = .standard) {
        self.store = store
        self.clock = clock
        self.money = money
        self.records = PlainResources(store: store)
    }

    // MARK: Reading

    public func get(_ rawID: String, caller: Researcher) async throws -> Study {
        let study = try await records.get(rawID, caller: caller)
        let now = clock.now()
        let scheduledDue = StudyTransitions.due(study, now: now) != nil
        let submissionsDue = !SubmissionDeadlines.statusesToSettle(study, now: now).isEmpty
        guard scheduledDue || submissionsDue else { return study }
        if scheduledDue { try await settleDue(in: [study.workspaceID]) }
        if submissionsDue { try await SubmissionSettling(store: store, clock: clock, money: money).settle(study.id) }
        return try await records.get(rawID, caller: caller)
    }

    /// The caller's studies in every workspace they are in, optionally of one status.
    public func list(status: StudyStatus?, page: PageRequest, caller: Researcher) async throws -> Page<Study> {
        try await settleDue(in: Array(try await store.reach(of: caller.id).workspaceIDs))
        let fields: Set<RecordField> = status.map { [RecordField(Study.statusField, $0.rawValue)] } ?? []
        return try await records.listVisible(fields: fields, page: page, caller: caller)
    }

    /// The studies of one project.
    public func list(project rawID: String, page: PageRequest, caller: Researcher) async throws -> Page<Study> {
        let project = try await self.project(rawID, caller: caller)
        try await settleDue(in: [project.workspaceID])
        return try await records.list(
            in: project.workspaceID.hex, fields: [RecordField(Study.projectField, project.id.hex)], page: page,
            caller: caller)
    }

    /// A group and the studies whose codes add to or remove from it, read together: the group's
    /// answer (`GET` a group, the busiest read).
    public func groupWithFeeders(_ rawID: String, caller: Researcher) async throws -> (group: ParticipantGroup, feeders: [Study]) {
        let id = try GroupID.parse(rawID)
        guard
            let (group, related) = try await store.group(
                id, visibleTo: caller.id, with: RecordRelation(kind: Study.recordKind, field: Study.feedsField))
        else { throw GroupID.notFound(rawID) }
        let workspace = group.owner.workspaceID
        // A study names only groups of its own workspace; the check keeps tenancy whatever is stored.
        return (group, try related.filter { $0.workspaceID == workspace }.map { try $0.decode() })
    }

    /// Studies whose codes add to or remove from each group, as a group answer shows them.
    public func feeders(of groups: [ParticipantGroup]) async throws -> [GroupID: [Study]] {
        var feeders: [GroupID: [Study]] = [:]
        for group in groups {
            guard let workspace = group.owner.workspaceID else { continue }
            let records = try await store.records(of: Study.recordKind, carrying: RecordField(Study.feedsField, group.id.hex))
            // A study names only groups of its own workspace; the check keeps tenancy whatever is stored.
            let studies: [Study] = try records.filter { $0.workspaceID == workspace }.map { try $0.decode() }
            if !studies.isEmpty { feeders[group.id] = studies }
        }
        return feeders
    }

    // MARK: Writing

    public func create(_ input: StudyInput, caller: Researcher) async throws -> Study {
        let project: Project
        if let rawProject = input.project {
            project = try await self.project(rawProject, caller: caller)
        } else {
            project = try await firstProject(of: caller)
        }
        let references = try await self.references(for: input, workspace: project.workspaceID, caller: caller)
        let content = try StudyRules.newContent(input, references: references)
        let study = Study(
            id: .generate(), workspaceID: project.workspaceID, projectID: project.id, createdAt: clock.now(),
            createdBy: caller.id, currency: references.currency, content: content)
        return try await records.create(study, caller: caller)
    }

    public func update(_ rawID: String, _ input: StudyInput, caller: Researcher) async throws -> Study {
        let current = try await get(rawID, caller: caller)
        if let rawProject = input.project, rawProject != current.projectID.hex {
            let project = try await self.project(rawProject, caller: caller)
            guard project.workspaceID == current.workspaceID else {
                throw CohortError.invalid("project", "A study cannot be moved to a project of another workspace.")
            }
        }
        let references = try await self.references(for: input, workspace: current.workspaceID, caller: caller)
        let money = self.money
        return try await withStudyAndWallet(rawID, caller: caller) { study, wallet in
            var updated = study
            updated.content = try StudyRules.updatedContent(study.content, status: study.status, input, references: references)
            if study.status != .unpublished, let rawProject = input.project, rawProject != study.projectID.hex {
                throw CohortError.invalid("project", "This field cannot be changed once the study is published.")
            }
            if study.status == .unpublished, let rawProject = input.project, let project = ProjectID(rawProject) {
                updated = Study(
                    id: study.id, workspaceID: study.workspaceID, projectID: project, createdAt: study.createdAt,
                    createdBy: study.createdBy, currency: study.currency, status: study.status, content: updated.content, publishAt: study.publishAt,
                    publishedAt: study.publishedAt, reservedCents: study.reservedCents, placesTaken: study.placesTaken,
                    numberOfSubmissions: study.numberOfSubmissions)
            }
            return try StudyTransitions.placesIncreased(from: study.content, to: updated, wallet: wallet, settings: money)
        }
    }

    /// `publish-study`: one of the six actions.
    public func transition(_ rawID: String, _ input: StudyTransitionInput, caller: Researcher) async throws -> Study {
        _ = try await records.get(rawID, caller: caller)  // Another's study is not found, whatever the body.
        let action = try StudyTransitions.Action(parsing: input.action)
        let publishAt = try input.publishAt.map { text throws(CohortError) in
            guard let parsed = Timestamp(rfc3339: text) else {
                throw CohortError.invalid("publish_at", "Datetime has wrong format. Use ISO 8601 (2030-01-01T09:00:00Z).")
            }
            return parsed
        }
        let now = clock.now()
        let money = self.money
        return try await withStudyAndWallet(rawID, caller: caller) { study, wallet in
            try StudyTransitions.apply(action, publishAt: publishAt, to: study, wallet: wallet, now: now, settings: money)
        }
    }

    /// Deletes a draft; a published study is refused. With `project`, the study must be in it.
    public func delete(_ rawID: String, inProject project: String? = nil, caller: Researcher) async throws {
        let study = try await get(rawID, caller: caller)
        if let project, study.projectID.hex != project { throw StudyID.notFound(rawID) }
        guard study.status == .unpublished else {
            throw CohortError(.notADraft, "Published studies cannot be deleted, but you can delete draft studies.")
        }
        let key = Study.key(study.id)
        _ = try await store.transact { snapshot -> TransactionStep<Bool> in
            guard snapshot.records[key] != nil else { return .load(records: [key]) }
            guard let stored = snapshot.record(key) else { throw study.id.notFound }
            let current: Study = try stored.decode()
            guard current.status == .unpublished else {
                throw CohortError(.notADraft, "Published studies cannot be deleted, but you can delete draft studies.")
            }
            return .commit([.delete(key)], result: true)
        }
    }

    /// A new draft with the study's content; unless `blockPrevious` is false, the original's
    /// participants are blocked (`previous_studies_blocklist`).
    public func duplicate(_ rawID: String, blockPrevious: Bool, caller: Researcher) async throws -> Study {
        let original = try await get(rawID, caller: caller)
        var content = original.content
        if blockPrevious, content.filterSetID == nil {
            content.filters = StudyFilterRules.addingToBlocklist(original.id, to: content.filters ?? [])
        }
        let copy = Study(
            id: .generate(), workspaceID: original.workspaceID, projectID: original.projectID, createdAt: clock.now(),
            createdBy: caller.id, currency: original.currency, content: content)
        return try await records.create(copy, caller: caller)
    }

    // MARK: Money

    public func balance(workspace rawID: String, caller: Researcher) async throws -> (Wallet, CurrencyCode) {
        let workspace = try await self.workspace(rawID, caller: caller)
        let stored = try await store.record(Wallet.key(of: workspace.id))
        let wallet = try stored.map { try $0.decode(as: Wallet.self) }
            ?? Wallet(workspaceID: workspace.id, createdAt: clock.now(), totalCents: money.startingBalanceCents)
        return (wallet, workspace.currencyCode)
    }

    /// Sets what a workspace holds (the sandbox's top-up, any workspace); what published studies
    /// hold stays held.
    public func setBalance(workspace rawID: String, totalCents: Int) async throws -> (Wallet, CurrencyCode) {
        let id = try WorkspaceID.parse(rawID)
        guard let workspace = try await store.workspace(id) else { throw id.notFound }
        guard totalCents >= 0, totalCents <= 1_000_000_000_000 else {
            throw CohortError.invalid("total_balance", "Ensure this value is between 0 and 1000000000000.")
        }
        let key = Wallet.key(of: workspace.id)
        let now = clock.now()
        let wallet = try await retryingConflicts {
            try await store.transact { snapshot -> TransactionStep<Wallet> in
                guard snapshot.records[key] != nil else { return .load(records: [key]) }
                let stored = snapshot.record(key)
                var wallet = try stored.map { try $0.decode(as: Wallet.self) }
                    ?? Wallet(workspaceID: workspace.id, createdAt: now, totalCents: 0)
                guard totalCents >= wallet.reservedCents else {
                    throw CohortError.invalid(
                        "total_balance", "Published studies hold \(wallet.reservedCents) cents of this wallet: the total cannot be less.")
                }
                wallet.totalCents = totalCents
                let change: RecordChange = try stored.map { .update(try wallet.record(version: $0.version)) } ?? .insert(try wallet.record())
                return .commit([change], result: wallet)
            }
        }
        return (wallet, workspace.currencyCode)
    }

    /// What the study has cost so far, or with `projected`, what its places will cost.
    public func cost(_ rawID: String, projected: Bool, caller: Researcher) async throws -> (rewards: CostBreakdown, bonuses: CostBreakdown, currency: CurrencyCode) {
        let study = try await get(rawID, caller: caller)
        let rewards = projected ? StudyCosts.placesCost(study.content, settings: money) : study.spentOnRewards ?? .zero
        return (rewards, study.spentOnBonuses ?? .zero, study.currency)
    }

    public func calculateCost(reward: Double, places: Double) throws -> CostBreakdown {
        try StudyCosts.calculate(reward: reward, places: places, settings: money)
    }

    public func currency(of rawWorkspaceID: String, caller: Researcher) async throws -> CurrencyCode {
        try await workspace(rawWorkspaceID, caller: caller).currencyCode
    }

    // MARK: Helpers

    /// Loads the study and its workspace's wallet, locked, hands them to `change`, and stores
    /// both; retried when another writer got there first.
    private func withStudyAndWallet(
        _ rawID: String, caller: Researcher, _ change: @escaping @Sendable (Study, Wallet) throws -> (Study, Wallet)
    ) async throws -> Study {
        let id = try StudyID.parse(rawID)
        let reach = try await store.reach(of: caller.id)
        let key = Study.key(id)
        let now = clock.now()
        let starting = money.startingBalanceCents
        return try await retryingConflicts {
            try await store.transact { snapshot in
                guard snapshot.records[key] != nil else { return .load(records: [key]) }
                guard let storedStudy = snapshot.record(key) else { throw id.notFound }
                var study: Study = try storedStudy.decode()
                guard reach.canSee(workspace: study.workspaceID) else { throw id.notFound }
                let walletKey = Wallet.key(of: study.workspaceID)
                guard snapshot.records[walletKey] != nil else { return .load(records: [walletKey]) }
                let storedWallet = snapshot.record(walletKey)
                let wallet = try storedWallet.map { try $0.decode(as: Wallet.self) }
                    ?? Wallet(workspaceID: study.workspaceID, createdAt: now, totalCents: starting)
                if let due = StudyTransitions.due(study, now: now) { study = due }
                let (updated, newWallet) = try change(study, wallet)
                var changes: [RecordChange] = [.update(try updated.record(version: storedStudy.version))]
                if newWallet != wallet || storedWallet == nil {
                    changes.append(try storedWallet.map { .update(try newWallet.record(version: $0.version)) } ?? .insert(try newWallet.record()))
                }
                return .commit(changes, result: updated)
            }
        }
    }

    /// Makes the due automatic transitions of the workspaces' scheduled studies.
    private func settleDue(in workspaces: [WorkspaceID]) async throws {
        guard !workspaces.isEmpty else { return }
        let now = clock.now()
        // Scheduled studies are few: found by their status alone, then kept to these workspaces.
        let wanted = Set(workspaces)
        let scheduled = try await store.records(
            of: Study.recordKind, carrying: RecordField(Study.statusField, StudyStatus.scheduled.rawValue)
        ).filter { wanted.contains($0.workspaceID) }
        for record in scheduled {
            let study: Study = try record.decode()
            guard StudyTransitions.due(study, now: now) != nil else { continue }
            let key = record.key
            do {
                _ = try await store.transact { snapshot -> TransactionStep<Bool> in
                    guard snapshot.records[key] != nil else { return .load(records: [key]) }
                    guard let stored = snapshot.record(key), let due = StudyTransitions.due(try stored.decode(), now: now) else {
                        return .commit([], result: false)
                    }
                    return .commit([.update(try due.record(version: stored.version))], result: true)
                }
            } catch is RecordVersionConflict {
                continue  // Another writer moved it meanwhile; it is settled either way.
            }
        }
    }

    private func references(for input: StudyInput, workspace: WorkspaceID, caller: Researcher) async throws -> StudyReferences {
        let currency = try await self.workspace(workspace.hex, caller: caller).currencyCode
        var references = StudyReferences(workspaceID: workspace, currency: currency)
        let named = StudyReferences.named(in: input)
        for id in named.groups { references.groups[id] = .some(try await store.group(id, visibleTo: caller.id)) }
        let reach = try await store.reach(of: caller.id)
        for id in named.studies {
            let study = try await store.record(Study.key(id)).map { try $0.decode(as: Study.self) }
            references.studies[id] = .some(study.flatMap { reach.canSee(workspace: $0.workspaceID) ? $0 : nil })
        }
        return references
    }

    private func project(_ rawID: String, caller: Researcher) async throws -> Project {
        let id = try ProjectID.parse(rawID)
        guard let details = try await store.project(id, visibleTo: caller.id) else { throw id.notFound }
        return details.project
    }

    private func workspace(_ rawID: String, caller: Researcher) async throws -> Workspace {
        let id = try WorkspaceID.parse(rawID)
        guard let details = try await store.workspace(id, visibleTo: caller.id) else { throw id.notFound }
        return details.workspace
    }

    /// Prolific: "When you don't specify a project in your request, Prolific automatically uses
    /// your first created project".
    private func firstProject(of caller: Researcher) async throws -> Project {
        var first: Project?
        for workspace in try await store.reach(of: caller.id).workspaceIDs {
            guard let page = try await store.projects(in: workspace, visibleTo: caller.id, page: .everything) else { continue }
            for details in page.items {
                if first.map({ (details.project.createdAt, details.project.id) < ($0.createdAt, $0.id) }) ?? true {
                    first = details.project
                }
            }
        }
        guard let first else { throw CohortError.invalid("project", "This field is required: you have no project yet.") }
        return first
    }
}
