/// `create-test-study` (lifecycle.md §3.8): a new, ACTIVE study from a draft, open only to the
/// test participants of the workspace's researchers (a custom allowlist of them), charging
/// nothing. The draft stays a draft.
public struct TestStudies: Sendable {
    let store: any CohortStore
    let clock: any CohortClock

    public init(store: any CohortStore, clock: any CohortClock = SystemClock()) {
        self.store = store
        self.clock = clock
    }

    public func create(from rawID: String, caller: Researcher) async throws -> Study {
        let draft = try await PlainResources<Study>(store: store).get(rawID, caller: caller)
        guard draft.status == .unpublished else {
            throw CohortError(.notADraft, "A test study is made from a draft study; this one is \(draft.status.rawValue).")
        }
        guard let workspace = try await store.workspace(draft.workspaceID, visibleTo: caller.id) else {
            throw draft.workspaceID.notFound
        }
        let testers = try await store.testParticipants(createdBy: workspace.users.map(\.researcher.id))
        guard !testers.isEmpty else {
            throw CohortError.invalid(
                "test_participants", "Create a test participant first (POST /api/v1/researchers/participants/).")
        }
        var content = draft.content
        content.filterSetID = nil
        content.filterSetVersion = nil
        content.filters = [.select(id: StudyFilterRules.customAllowlist, values: testers.map(\.hex), weightings: nil)]
        let now = clock.now()
        let test = Study(
            id: StudyID(ObjectID.generate(at: now)), workspaceID: draft.workspaceID, projectID: draft.projectID, createdAt: now,
            createdBy: caller.id, currency: draft.currency, status: .active, content: content, publishedAt: now)
        return try await PlainResources<Study>(store: store).create(test, caller: caller)
    }
}
